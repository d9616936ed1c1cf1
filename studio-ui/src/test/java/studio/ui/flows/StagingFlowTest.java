package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import studio.engine.image.RgbImage;
import studio.ui.staging.Candidate;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;

/** A batch of two waits in the frame: step through it, discard one, accept the other; discarded ones stay in the history. */
class StagingFlowTest extends FlowTestBase {

    @Test
    void stepDiscardAndAccept(FxRobot robot) {
        StudioDriver user = user(robot);
        Fx.run(() -> {
            vm.settings().batchCountProperty().set(2);
            vm.settings().promptProperty().set("two apples");
        });
        user.generate();

        assertEquals(2, Fx.call(() -> vm.staging().candidates().size()));
        assertEquals("1 / 2", position(robot));
        Candidate first = current();
        robot.clickOn("#stagingNext");
        assertEquals("2 / 2", position(robot));
        Candidate second = current();
        assertEquals(first.parameters().seed() + 1, second.parameters().seed(), "batch items use seed, seed+1");
        assertNotEquals(first.image(), second.image());

        robot.moveTo(user.screen(8, 8)).clickOn(); // the canvas takes the keys
        user.key(KeyCode.LEFT);
        assertEquals("1 / 2", position(robot), "Left shows the previous one");
        user.key(KeyCode.BACK_SPACE);
        assertEquals("1 / 1", position(robot), "Backspace discards the one shown");
        assertEquals(second, current());
        assertNull(user.canvas(), "nothing is on the canvas before accepting");

        user.key(KeyCode.ENTER);
        assertFalse(Fx.call(() -> vm.staging().activeProperty().get()), "accepting ends staging");
        assertEquals(second.image(), user.canvas());
        assertEquals(2, Fx.call(() -> vm.history().entries().size()), "the discarded result stays in the history");

        Fx.run(() -> vm.settings().batchCountProperty().set(1));
        RgbImage before = user.canvas();
        user.generate();
        robot.clickOn("#discard");
        assertFalse(Fx.call(() -> vm.staging().activeProperty().get()));
        assertEquals(before, user.canvas(), "discarding leaves the canvas as it was");
        assertTrue(robot.lookup("#stagingBar").query().isVisible() == false);
        user.assertNoError();
    }

    private Candidate current() {
        return Fx.call(() -> vm.staging().currentProperty().get());
    }

    private static String position(FxRobot robot) {
        return Fx.call(() -> robot.lookup("#stagingPosition").queryAs(Label.class).getText());
    }
}
