package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Tool;
import studio.ui.control.ControlViewModel;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;

/**
 * Sketch on the ControlNet layer with the Scribble tool on an empty canvas, look at the hint, Generate:
 * the request carries the sketch as a scribble control and the real pipeline runs it.
 */
class ControlNetLayerFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void aScribbleOnTheControlLayerSteersTheGeneration(FxRobot robot) throws IOException {
        Path cn = ControlNetFiles.randomForDefaultModel(dir.resolve("scribble-cn.safetensors"));
        StudioDriver user = user(robot);
        Fx.run(() -> {
            vm.control().modelProperty().set(cn);
            vm.control().enabledProperty().set(true);
            vm.canvas().brushSizeProperty().set(4);
        });
        assertEquals(ControlViewModel.Source.SCRIBBLE, Fx.call(() -> vm.control().sourceProperty().get()));
        robot.clickOn("#toolScribble");
        assertEquals(Tool.SCRIBBLE, Fx.call(() -> vm.canvas().toolProperty().get()));
        user.drag(10, 32, 54, 32);
        user.drag(32, 10, 32, 54);
        assertEquals("Text to image", user.mode(), "a scribble is not a mask");

        Fx.run(() -> vm.control().showHintProperty().set(true));
        RgbImage hint = Fx.call(() -> vm.control().hintProperty().get());
        assertNotNull(hint);
        assertEquals(0xFFFFFFFF, hint.argb(20, 32), "the stroke is a white line in the hint");
        assertEquals(0xFF000000, hint.argb(10, 10), "and the rest black");
        assertTrue(robot.lookup("#hintOverlay").queryAs(ImageView.class).isVisible());

        robot.clickOn("#prompt").write("a red apple");
        user.generate();
        GenerationRequest sent = Fx.call(() -> vm.generation().lastRequestProperty().get());
        assertEquals(1, sent.controls().size());
        ControlUnit unit = sent.controls().get(0);
        assertEquals("scribble", unit.preprocessor());
        assertEquals(cn.toString(), unit.model());
        assertEquals(SIDE, unit.image().width());
        assertTrue((unit.image().argb(20, 32) & 0xFF) < 64 && (unit.image().argb(10, 10) & 0xFF) == 255,
                "the control image is the sketch: dark strokes on white");
        user.assertNoError();

        user.key(KeyCode.ESCAPE);
        Fx.run(() -> vm.canvas().undo());
        Fx.run(() -> vm.canvas().undo());
        assertEquals(0xFF000000, Fx.call(() -> vm.control().hintProperty().get()).argb(20, 32), "undo removes the strokes");
        Fx.run(() -> vm.control().showHintProperty().set(false));
        assertNull(Fx.call(() -> vm.control().hintProperty().get()));
    }

    @Test
    void thePanelShowsThePickedLayerAndTheOverlayItsHint(FxRobot robot) {
        Path cn = dir.resolve("first-cn.safetensors");
        Fx.run(() -> {
            vm.control().modelProperty().set(cn);
            vm.control().enabledProperty().set(true);
            vm.control().showHintProperty().set(true);
        });
        ImageView overlay = robot.lookup("#hintOverlay").queryAs(ImageView.class);
        assertTrue(Fx.call(overlay::isVisible));
        assertTrue(Fx.call(() -> robot.lookup("#controlRemoveLayer").queryButton().isDisabled()), "one layer always stays");
        Fx.run(() -> robot.lookup("#controlAddLayer").queryButton().fire());
        assertEquals("no ControlNet chosen", Fx.call(() -> robot.lookup("#controlModel").queryLabeled().getText()),
                "the panel shows the new layer");
        assertFalse(Fx.call(overlay::isVisible), "the new layer shows no hint");
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<ControlViewModel> pick = robot.lookup("#controlLayer").queryAs(ComboBox.class);
            assertEquals(2, pick.getItems().size());
            pick.setValue(pick.getItems().get(0));
        });
        assertEquals("first-cn.safetensors", Fx.call(() -> robot.lookup("#controlModel").queryLabeled().getText()));
        assertTrue(Fx.call(overlay::isVisible), "the picked layer's hint");
        Fx.run(() -> robot.lookup("#controlRemoveLayer").queryButton().fire());
        assertEquals(1, Fx.call(() -> vm.controls().layers().size()));
        assertEquals("no ControlNet chosen", Fx.call(() -> robot.lookup("#controlModel").queryLabeled().getText()),
                "the remaining layer");
        assertNull(Fx.call(() -> vm.controls().hintProperty().get()));
    }
}
