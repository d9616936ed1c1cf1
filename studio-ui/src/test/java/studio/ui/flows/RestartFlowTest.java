package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;
import studio.ui.canvas.Tool;
import studio.ui.control.ControlViewModel;
import studio.engine.api.ControlMode;
import studio.ui.history.HistoryEntry;
import studio.ui.main.StudioViewModel;
import studio.ui.main.StudioWindow;
import studio.ui.settings.GenerationSettings;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.StudioFixture;
import studio.ui.testing.TestImages;

/**
 * Nothing is lost: after a crash (the first window is simply abandoned, never closed) a new window
 * over the same state folder shows the same canvas, mask, frame, settings and history.
 */
class RestartFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void aNewWindowRestoresTheSession(FxRobot robot) {
        StudioDriver user = user(robot);
        user.open(TestImages.png(dir.resolve("photo.png"), TestImages.picture(SIDE, SIDE), null));
        GenerationSettings s = vm.settings();
        Fx.run(() -> {
            s.promptProperty().set("a harbour at night");
            s.negativePromptProperty().set("people");
            s.samplerProperty().set("dpmpp_2m");
            s.seedProperty().set(77);
            s.seedLockedProperty().set(true);
            s.strengthProperty().set(0.4);
            s.maskBlurProperty().set(6);
            vm.darkThemeProperty().set(false);
        });
        user.generate();
        robot.clickOn("#accept");
        robot.clickOn("#toolBrush");
        user.drag(10, 50, 30, 50);
        robot.clickOn("#toolFrame");
        user.drag(32, 32, 48, 40);
        robot.clickOn("#toolEraser");

        RgbImage picture = user.canvas();
        GrayImage mask = Fx.call(() -> vm.canvas().mask().toImage());
        Rect frame = Fx.call(() -> vm.canvas().frameProperty().get());
        HistoryEntry result = Fx.call(() -> vm.history().entries().get(0));
        assertEquals(new Rect(16, 8, SIDE, SIDE), frame);
        user.waitAutosaved();
        assertTrue(Files.isRegularFile(studio.state.resolve("canvas.bin")));

        StudioFixture again = studio.restarted();
        try {
            StudioWindow second = Fx.call(() -> again.open(new Stage()));
            StudioViewModel restored = second.viewModel();
            GenerationSettings r = restored.settings();
            assertEquals(picture, Fx.call(() -> restored.canvas().image().toImage()), "the picture with the accepted result");
            assertTrue(sameMask(mask, Fx.call(() -> restored.canvas().mask().toImage())), "the mask, exactly");
            assertEquals(frame, Fx.call(() -> restored.canvas().frameProperty().get()));
            assertEquals("Outpaint", Fx.call(() -> restored.generation().modeLabelProperty().get()));
            assertEquals("a harbour at night", Fx.call(() -> r.promptProperty().get()));
            assertEquals("a harbour at night", Fx.call(() -> ((TextArea) second.scene().lookup("#prompt")).getText()),
                    "the prompt field shows it");
            assertEquals("people", Fx.call(() -> r.negativePromptProperty().get()));
            assertEquals("dpmpp_2m", Fx.call(() -> r.samplerProperty().get()));
            assertEquals(STEPS, Fx.call(() -> r.stepsProperty().get()));
            assertEquals(77L, Fx.call(() -> r.seedProperty().get()));
            assertTrue(Fx.call(() -> r.seedLockedProperty().get()));
            assertEquals(0.4, Fx.call(() -> r.strengthProperty().get()));
            assertEquals(6, Fx.call(() -> r.maskBlurProperty().get()));
            assertFalse(Fx.call(() -> restored.darkThemeProperty().get()));
            assertEquals(Tool.ERASER, Fx.call(() -> restored.canvas().toolProperty().get()));

            assertEquals(1, Fx.call(() -> restored.history().entries().size()));
            HistoryEntry back = Fx.call(() -> restored.history().entries().get(0));
            assertEquals(result.savedTo(), back.savedTo());
            assertEquals(result.parameters().seed(), back.parameters().seed());
            assertEquals(result.parameters().prompt(), back.parameters().prompt());
            assertEquals(result.image(restored.files()), back.image(restored.files()), "the result opens from its file");
            assertNull(Fx.call(() -> restored.notices().noticeProperty().get()), "nothing to complain about");
            assertFalse(Fx.call(() -> restored.canvas().undoStack().canUndoProperty().get()), "a restored session starts a new undo history");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            Fx.run(() -> again.window.stage().hide());
            again.close();
        }
    }

    @Test
    void theControlNetLayersAndTheirScribblesSurviveARestart(FxRobot robot) {
        StudioDriver user = user(robot);
        Path cn = dir.resolve("my-canny.safetensors");
        Fx.run(() -> {
            ControlViewModel c = vm.control();
            c.modelProperty().set(cn);
            c.enabledProperty().set(true);
            vm.canvas().brushSizeProperty().set(5);
            vm.canvas().brushHardnessProperty().set(0.37); // soft edges: values 8 bits could not hold
        });
        robot.clickOn("#toolScribble");
        user.drag(10, 30, 50, 34);
        Fx.run(() -> {
            ControlViewModel c = vm.control();
            c.sourceProperty().set(ControlViewModel.Source.CANVAS);
            c.preprocessorProperty().set("lineart-invert");
            c.cannyLowProperty().set(60);
            c.cannyHighProperty().set(170);
            c.weightProperty().set(0.65);
            c.startProperty().set(0.2);
            c.endProperty().set(0.8);
            c.modeProperty().set(ControlMode.PROMPT);
        });
        GrayImage scribble = Fx.call(() -> vm.control().scribble().toImage());
        Rect where = Fx.call(() -> vm.control().scribble().bounds());
        assertTrue(scribble != null && !Fx.call(() -> vm.control().scribble().isEmpty()), "the stroke is drawn");
        Fx.run(() -> robot.lookup("#controlAddLayer").queryButton().fire()); // the section is folded away
        Path other = dir.resolve("my-scribble.safetensors");
        Fx.run(() -> vm.control().modelProperty().set(other));
        user.drag(32, 8, 30, 56);
        assertEquals(2, Fx.call(() -> vm.controls().layers().size()));
        GrayImage secondScribble = Fx.call(() -> vm.control().scribble().toImage());
        assertTrue(Fx.call(() -> vm.controls().layers().get(0).scribble().valueAt(31, 12)) == 0f, "each layer its own");
        user.waitAutosaved();
        assertTrue(Files.isRegularFile(studio.state.resolve("scribbles.bin")));

        StudioFixture again = studio.restarted();
        try {
            StudioWindow second = Fx.call(() -> again.open(new Stage()));
            ControlViewModel r = second.viewModel().control();
            assertTrue(Fx.call(() -> r.enabledProperty().get()));
            assertEquals(cn, Fx.call(() -> r.modelProperty().get()));
            assertEquals(ControlViewModel.Source.CANVAS, Fx.call(() -> r.sourceProperty().get()));
            assertEquals("lineart-invert", Fx.call(() -> r.preprocessorProperty().get()), "not reset by the source");
            assertEquals(60, Fx.call(() -> r.cannyLowProperty().get()));
            assertEquals(170, Fx.call(() -> r.cannyHighProperty().get()));
            assertEquals(0.65, Fx.call(() -> r.weightProperty().get()));
            assertEquals(0.2, Fx.call(() -> r.startProperty().get()));
            assertEquals(0.8, Fx.call(() -> r.endProperty().get()));
            assertEquals(ControlMode.PROMPT, Fx.call(() -> r.modeProperty().get()));
            assertEquals(where, Fx.call(() -> r.scribble().bounds()));
            assertTrue(sameMask(scribble, Fx.call(() -> r.scribble().toImage())), "the scribble, exactly");
            assertEquals(2, Fx.call(() -> second.viewModel().controls().layers().size()));
            ControlViewModel r2 = Fx.call(() -> second.viewModel().controls().layers().get(1));
            assertEquals(other, Fx.call(() -> r2.modelProperty().get()));
            assertFalse(Fx.call(() -> r2.enabledProperty().get()), "added layers start off");
            assertTrue(sameMask(secondScribble, Fx.call(() -> r2.scribble().toImage())), "the second scribble, exactly");
            assertEquals(2, Fx.call(() -> second.viewModel().controls().units().size() + 1), "only the first is on");
            assertNull(Fx.call(() -> second.viewModel().notices().noticeProperty().get()), "nothing to complain about");
        } finally {
            Fx.run(() -> again.window.stage().hide());
            again.close();
        }
    }

    private static boolean sameMask(GrayImage a, GrayImage b) {
        return a.width() == b.width() && a.height() == b.height() && java.util.Arrays.equals(a.values(), b.values());
    }
}
