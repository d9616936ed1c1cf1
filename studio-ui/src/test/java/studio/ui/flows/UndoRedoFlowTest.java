package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.TestImages;

/** Ctrl+Z and Ctrl+Shift+Z walk back and forth through a mask stroke, an accepted result and a frame move. */
class UndoRedoFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void strokeAcceptAndFrameMoveUndoAndRedo(FxRobot robot) {
        StudioDriver user = user(robot);
        RgbImage picture = TestImages.picture(SIDE, SIDE);
        user.open(TestImages.png(dir.resolve("photo.png"), picture, null));

        robot.clickOn("#toolBrush");
        user.drag(16, 40, 48, 40);
        assertEquals("Inpaint", user.mode());
        float painted = Fx.call(() -> vm.canvas().mask().valueAt(32, 40));
        assertEquals(1f, painted);

        user.generate();
        robot.clickOn("#accept");
        RgbImage accepted = user.canvas();
        assertNotEquals(picture, accepted);

        robot.clickOn("#toolFrame");
        user.drag(32, 32, 48, 48);
        Rect moved = new Rect(16, 16, SIDE, SIDE);
        assertEquals(moved, frame());
        assertEquals("Undo move frame (Ctrl+Z)", Fx.call(() -> robot.lookup("#undo").queryAs(Button.class).getTooltip().getText()));

        user.key(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(new Rect(0, 0, SIDE, SIDE), frame(), "undo 1: the frame is back");
        user.key(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(picture, user.canvas(), "undo 2: the accepted result is gone");
        assertEquals(1f, Fx.call(() -> vm.canvas().mask().valueAt(32, 40)), "the mask painted before it is still there");
        user.key(KeyCode.CONTROL, KeyCode.Z);
        assertTrue(Fx.call(() -> vm.canvas().mask().isEmpty()), "undo 3: the stroke is gone");
        assertEquals("Image to image", user.mode());

        user.key(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(1f, Fx.call(() -> vm.canvas().mask().valueAt(32, 40)), "redo 1: the stroke is back");
        user.key(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(accepted, user.canvas(), "redo 2: the accepted result is back");
        user.key(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(moved, frame(), "redo 3: the frame moved again");
        assertFalse(Fx.call(() -> vm.canvas().undoStack().canRedoProperty().get()));
        assertTrue(robot.lookup("#redo").queryAs(Button.class).isDisabled(), "nothing more to redo");
        user.assertNoError();
    }

    private Rect frame() {
        return Fx.call(() -> vm.canvas().frameProperty().get());
    }
}
