package studio.ui.undo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoStackTest {
    private final List<String> log = new ArrayList<>();

    private Edit edit(String name, long bytes) {
        return Edit.of(name, bytes, () -> log.add("undo " + name), () -> log.add("redo " + name));
    }

    @Test
    void undoRedoInOrderAndANewEditClearsRedo() {
        UndoStack stack = new UndoStack(10, 1000);
        stack.push(edit("a", 1));
        stack.push(edit("b", 1));
        stack.undo();
        stack.undo();
        stack.undo(); // nothing left: no-op
        stack.redo();
        assertEquals(List.of("undo b", "undo a", "redo a"), log);
        assertEquals("b", stack.redoLabelProperty().get());
        stack.push(edit("c", 1));
        assertFalse(stack.canRedoProperty().get(), "a new edit forgets what was undone");
        assertEquals("c", stack.undoLabelProperty().get());
    }

    @Test
    void oldestEditsAreForgottenBeyondTheLimits() {
        UndoStack byCount = new UndoStack(2, 1000);
        byCount.push(edit("a", 1));
        byCount.push(edit("b", 1));
        byCount.push(edit("c", 1));
        byCount.undo();
        byCount.undo();
        assertFalse(byCount.canUndoProperty().get(), "only two edits are kept");

        UndoStack byBytes = new UndoStack(100, 100);
        byBytes.push(edit("big", 80));
        byBytes.push(edit("bigger", 90));
        byBytes.undo();
        assertFalse(byBytes.canUndoProperty().get(), "the first edit was dropped to stay under 100 bytes");
        UndoStack huge = new UndoStack(100, 10);
        huge.push(edit("huge", 500));
        assertTrue(huge.canUndoProperty().get(), "the newest edit is always kept");
    }
}
