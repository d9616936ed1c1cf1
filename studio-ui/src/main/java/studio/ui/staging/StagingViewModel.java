package studio.ui.staging;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.ui.canvas.CanvasViewModel;

/**
 * The results of a batch shown one at a time in the frame: step through them, accept one onto the
 * canvas (undoable) or discard it. Accepting ends the staging session, as in InvokeAI; discarded
 * results stay in the history and on disk.
 */
public final class StagingViewModel {
    private final CanvasViewModel canvas;
    private final ObservableList<Candidate> candidates = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ObjectBinding<Candidate> current;
    private final BooleanBinding active;
    private final StringBinding position;

    public StagingViewModel(CanvasViewModel canvas) {
        this.canvas = canvas;
        current = Bindings.createObjectBinding(
                () -> index.get() >= 0 && index.get() < candidates.size() ? candidates.get(index.get()) : null,
                index, candidates);
        active = Bindings.isNotEmpty(candidates);
        position = Bindings.createStringBinding(
                () -> candidates.isEmpty() ? "" : (index.get() + 1) + " / " + candidates.size(), index, candidates);
    }

    /** Adds a batch's results and shows the first of them. */
    public void add(List<Candidate> batch) {
        if (batch.isEmpty()) {
            return;
        }
        int first = candidates.size();
        candidates.addAll(batch);
        index.set(first);
    }

    public void next() {
        if (!candidates.isEmpty()) {
            index.set((index.get() + 1) % candidates.size());
        }
    }

    public void previous() {
        if (!candidates.isEmpty()) {
            index.set((index.get() - 1 + candidates.size()) % candidates.size());
        }
    }

    /** Commits the shown candidate to the canvas where it was generated and ends staging. */
    public void accept() {
        Candidate c = current.get();
        if (c == null) {
            return;
        }
        canvas.commit(c.image(), c.target());
        candidates.clear();
        index.set(-1);
    }

    /** Drops the shown candidate; the next one (if any) is shown. */
    public void discard() {
        int i = index.get();
        if (i < 0 || i >= candidates.size()) {
            return;
        }
        candidates.remove(i);
        index.set(candidates.isEmpty() ? -1 : Math.min(i, candidates.size() - 1));
    }

    public void discardAll() {
        candidates.clear();
        index.set(-1);
    }

    public ObservableList<Candidate> candidates() { return FXCollections.unmodifiableObservableList(candidates); }
    public ReadOnlyIntegerProperty indexProperty() { return index.getReadOnlyProperty(); }
    public ObjectBinding<Candidate> currentProperty() { return current; }
    public BooleanBinding activeProperty() { return active; }
    public StringBinding positionProperty() { return position; }
}
