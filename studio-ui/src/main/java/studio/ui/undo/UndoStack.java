package studio.ui.undo;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Undo and redo of canvas edits. Edits are recorded after they are applied. The oldest edits are
 * forgotten beyond {@code maxEdits} or {@code maxBytes}, so long sessions on a big canvas stay bounded.
 */
public final class UndoStack {
    private final int maxEdits;
    private final long maxBytes;
    private final Deque<Edit> done = new ArrayDeque<>();
    private final Deque<Edit> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper(this, "undoLabel", "");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper(this, "redoLabel", "");
    private long bytes;

    public UndoStack(int maxEdits, long maxBytes) {
        this.maxEdits = maxEdits;
        this.maxBytes = maxBytes;
    }

    /** Records an edit the caller has just applied; clears the redo side. */
    public void push(Edit edit) {
        undone.clear();
        done.push(edit);
        bytes += edit.bytes();
        while (done.size() > 1 && (done.size() > maxEdits || bytes > maxBytes)) {
            bytes -= done.removeLast().bytes();
        }
        update();
    }

    public void undo() {
        if (done.isEmpty()) {
            return;
        }
        Edit edit = done.pop();
        bytes -= edit.bytes();
        edit.undo();
        undone.push(edit);
        update();
    }

    public void redo() {
        if (undone.isEmpty()) {
            return;
        }
        Edit edit = undone.pop();
        edit.redo();
        done.push(edit);
        bytes += edit.bytes();
        update();
    }

    public void clear() {
        done.clear();
        undone.clear();
        bytes = 0;
        update();
    }

    private void update() {
        canUndo.set(!done.isEmpty());
        canRedo.set(!undone.isEmpty());
        undoLabel.set(done.isEmpty() ? "" : done.peek().label());
        redoLabel.set(undone.isEmpty() ? "" : undone.peek().label());
    }

    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }
    public ReadOnlyStringProperty undoLabelProperty() { return undoLabel.getReadOnlyProperty(); }
    public ReadOnlyStringProperty redoLabelProperty() { return redoLabel.getReadOnlyProperty(); }
}
