package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import studio.ui.staging.Candidate;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;

/** A batch of three waits in the frame: step through it, discard two, accept the last; discarded ones stay in the history. */
class StagingFlowTest extends FlowTestBase {

    @Test
    void stepDiscardAndAccept(FxRobot robot) {
        StudioDriver user = user(robot);
        Fx.run(() -> {
            vm.settings().batchCountProperty().set(3);
            vm.settings().promptProperty().set("three apples");
        });
        user.generate();

        assertEquals(3, Fx.call(() -> vm.staging().candidates().size()));
        assertEquals("1 / 3", position(robot));
        Candidate first = current();
        robot.clickOn("#stagingNext");
        assertEquals("2 / 3", position(robot));
        Candidate second = current();
        assertEquals(first.parameters().seed() + 1, second.parameters().seed(), "batch items use seed, seed+1, ...");
        assertNotEquals(first.image(), second.image());
        robot.clickOn("#stagingPrevious");
        assertEquals("1 / 3", position(robot));

        robot.moveTo(user.screen(8, 8)).clickOn(); // the canvas takes the keys
        user.key(KeyCode.LEFT);
        assertEquals("3 / 3", position(robot), "Left from the first wraps to the last");
        user.key(KeyCode.RIGHT);
        user.key(KeyCode.RIGHT);
        assertEquals("2 / 3", position(robot));
        user.key(KeyCode.BACK_SPACE);
        assertEquals("2 / 2", position(robot), "Backspace discards the one shown; the next one takes its place");
        robot.clickOn("#discard");
        assertEquals("1 / 1", position(robot), "so does the Discard button");
        assertEquals(first, current());
        assertNull(user.canvas(), "discarding never touches the canvas");

        user.key(KeyCode.ENTER);
        assertFalse(Fx.call(() -> vm.staging().activeProperty().get()), "accepting ends staging");
        assertFalse(Fx.call(() -> robot.lookup("#stagingBar").query().isVisible()), "the staging bar goes away");
        assertEquals(first.image(), user.canvas());
        assertEquals(3, Fx.call(() -> vm.history().entries().size()), "discarded results stay in the history");
        user.assertNoError();
    }

    private Candidate current() {
        return Fx.call(() -> vm.staging().currentProperty().get());
    }

    private static String position(FxRobot robot) {
        return Fx.call(() -> robot.lookup("#stagingPosition").queryAs(Label.class).getText());
    }
}
