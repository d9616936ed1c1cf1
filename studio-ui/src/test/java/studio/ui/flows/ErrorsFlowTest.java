package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.NotificationPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.TestImages;
import studio.ui.notices.Notice;

/** What goes wrong is said in plain words, where the user looks, with what to do. */
class ErrorsFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void generateIsDisabledWithTheReasonShown(FxRobot robot) {
        StudioDriver user = user(robot);
        Button generate = robot.lookup("#generate").queryButton();
        Label reason = robot.lookup("#generateReason").queryAs(Label.class);
        assertFalse(generate.isDisabled());
        assertFalse(Fx.call(reason::isVisible));

        user.open(TestImages.png(dir.resolve("photo.png"), TestImages.picture(SIDE, SIDE), null));
        Fx.run(() -> vm.settings().strengthProperty().set(0));
        String why = "strength is 0, so nothing under the frame would be redrawn; raise Strength under Image input";
        assertTrue(generate.isDisabled());
        assertTrue(Fx.call(reason::isVisible));
        assertEquals(why, Fx.call(reason::getText));
        assertEquals(why, Fx.call(() -> generate.getTooltip().getText()));

        robot.moveTo(user.screen(8, 8)).clickOn();
        user.key(KeyCode.CONTROL, KeyCode.ENTER);
        assertEquals("Cannot generate: " + why, shownNotice(robot));
        assertFalse(Fx.call(() -> vm.generation().runningProperty().get()), "nothing was sent to the engine");

        Fx.run(() -> vm.settings().strengthProperty().set(0.5));
        assertFalse(generate.isDisabled());
        robot.clickOn("#generate");
        assertTrue(generate.isDisabled(), "no second Generate while one runs");
        assertEquals("a generation is running; press Esc to cancel it", Fx.call(reason::getText));
        user.key(KeyCode.ESCAPE);
        Fx.waitUntil("the cancel", 60, () -> !vm.generation().runningProperty().get());
        assertFalse(generate.isDisabled());
        assertFalse(Fx.call(reason::isVisible));
    }

    @Test
    void engineFailureBecomesANotice(FxRobot robot) {
        Fx.run(() -> vm.settings().selectModel(dir.resolve("gone.safetensors").toString()));
        robot.clickOn("#generate");
        Fx.waitUntil("the failure", 60, () -> !vm.generation().runningProperty().get());
        String text = shownNotice(robot);
        assertTrue(text.startsWith("Unknown model '") && text.endsWith("only the built-in default model is available."), text);
        assertEquals("Generation failed", Fx.call(() -> vm.status().messageProperty().get()));
        assertFalse(Fx.call(() -> vm.staging().activeProperty().get()));
    }

    @Test
    void unreadableFileIsRefusedInWords(FxRobot robot) throws Exception {
        Path broken = Files.writeString(dir.resolve("holiday.png"), "this is not a picture");
        Fx.run(() -> vm.openImage(broken));
        Fx.waitUntil("the refusal", 20, () -> vm.notices().noticeProperty().get() != null);
        String text = shownNotice(robot);
        assertTrue(text.startsWith("Could not open holiday.png: holiday.png: not an image in a supported format; use PNG"), text);
        assertTrue(Fx.call(() -> vm.canvas().image().isEmpty()), "the canvas is untouched");
    }

    /** The notice the notification pane shows now, after checking it is showing and is an error. */
    private String shownNotice(FxRobot robot) {
        NotificationPane pane = robot.lookup("#notifications").queryAs(NotificationPane.class);
        Fx.waitUntil("the notification", 10, pane::isShowing);
        assertEquals(Notice.Kind.ERROR, Fx.call(() -> vm.notices().noticeProperty().get().kind()));
        assertTrue(Fx.call(() -> pane.getStyleClass().contains("error")));
        return Fx.call(pane::getText);
    }

}
