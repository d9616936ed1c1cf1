package studio.ui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.io.A1111Parameters;
import studio.engine.io.ControlNetParameters;
import studio.ui.canvas.CanvasViewModel;

/** The ControlNet layer's units, sources and what restoring a PNG's unit does. */
class ControlViewModelTest {
    @TempDir
    Path dir;

    @Test
    void offOrWithoutAControlNetItAddsNothing() {
        ControlViewModel vm = new ControlViewModel(new CanvasViewModel());
        assertTrue(vm.units().isEmpty());
        vm.enabledProperty().set(true);
        assertTrue(vm.units().isEmpty(), "no file chosen yet");
        vm.modelProperty().set(dir.resolve("cn.safetensors"));
        ControlUnit u = vm.units().get(0);
        assertEquals("scribble", u.preprocessor(), "a scribble source is preprocessed as a scribble");
        vm.sourceProperty().set(ControlViewModel.Source.CANVAS);
        assertEquals("canny", vm.preprocessorProperty().get());
        vm.sourceProperty().set(ControlViewModel.Source.IMAGE);
        assertEquals("none", vm.preprocessorProperty().get());
        assertNull(vm.units().get(0).image(), "no image file yet: the request will say so");
        vm.cannyLowProperty().set(50);
        vm.cannyHighProperty().set(150);
        assertEquals(50, vm.units().get(0).cannyLow());
        assertEquals(150, vm.units().get(0).cannyHigh());
    }

    @Test
    void restoringAUnitTakesItsSettingsAndItsFileWhenItIsThere() throws Exception {
        String text = "x\nSteps: 20, Sampler: Euler, Seed: 1, ControlNet 0: \"Module: canny, Model: my-canny [abc123], "
                + "Weight: 0.7, Threshold A: 64, Threshold B: 128, Guidance Start: 0.1, Guidance End: 0.9, Control Mode: ControlNet is more important\"";
        ControlNetParameters unit = A1111Parameters.parse(text).controlNets().get(0);
        ControlViewModel vm = new ControlViewModel(new CanvasViewModel());
        String warning = vm.restore(unit, dir);
        assertTrue(warning.contains("'my-canny' is not in the models folder"), warning);
        assertFalse(vm.enabledProperty().get());
        assertEquals(0.7, vm.weightProperty().get());
        assertEquals(ControlMode.CONTROL, vm.modeProperty().get());
        assertEquals("canny", vm.preprocessorProperty().get());
        assertEquals(64, vm.cannyLowProperty().get());
        assertEquals(128, vm.cannyHighProperty().get());
        Path file = Files.writeString(dir.resolve("my-canny.safetensors"), "");
        assertNull(vm.restore(unit, dir));
        assertTrue(vm.enabledProperty().get());
        assertEquals(file, vm.modelProperty().get());
    }
}
