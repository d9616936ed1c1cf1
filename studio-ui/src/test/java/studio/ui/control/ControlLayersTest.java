package studio.ui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.GenerationRequest;
import studio.engine.io.A1111Parameters;
import studio.engine.io.ControlNetParameters;
import studio.ui.canvas.CanvasViewModel;

/** The ControlNet layers: one per unit of a restored PNG, at most MAX_CONTROLS, the rest switched off. */
class ControlLayersTest {
    @TempDir
    Path dir;

    private static List<ControlNetParameters> units(int n) {
        StringBuilder text = new StringBuilder("x\nSteps: 20, Sampler: Euler, Seed: 1");
        for (int i = 0; i < n; i++) {
            text.append(", ControlNet ").append(i).append(": \"Module: canny, Model: cn").append(i)
                    .append(" [abc], Weight: 0.").append(i + 1).append("\"");
        }
        return A1111Parameters.parse(text.toString()).controlNets();
    }

    @Test
    void aPngWithMoreUnitsThanLayersFillsTheMostAndSaysSo() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("cn" + i + ".safetensors"), "");
        }
        ControlLayers layers = new ControlLayers(new CanvasViewModel());
        List<String> warnings = layers.restore(units(5), dir);
        assertEquals(GenerationRequest.MAX_CONTROLS, layers.layers().size());
        assertEquals(GenerationRequest.MAX_CONTROLS, layers.units().size());
        assertEquals(0.4, layers.units().get(3).weight(), 1e-9);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("only the first 4 of its 5"), warnings.get(0));
        assertSame(layers.layers().get(0), layers.activeProperty().get());

        warnings = layers.restore(units(2), dir);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(GenerationRequest.MAX_CONTROLS, layers.layers().size(), "no layer (or scribble) is thrown away");
        assertEquals(2, layers.units().size(), "but the layers beyond the PNG's units are off");
        assertFalse(layers.layers().get(2).enabledProperty().get());
    }

    @Test
    void theActiveLayerIsAlwaysOneOfTheLayers() {
        CanvasViewModel canvas = new CanvasViewModel();
        ControlLayers layers = new ControlLayers(canvas);
        ControlViewModel first = layers.layers().get(0);
        ControlViewModel second = layers.add();
        layers.activeProperty().set(null);
        assertSame(second, layers.activeProperty().get(), "null keeps the active layer");
        layers.remove(second);
        assertSame(first, layers.activeProperty().get());
        assertSame(first.scribble(), canvas.scribble(), "the canvas paints on the active layer");
        layers.remove(first);
        assertEquals(List.of(first), layers.layers(), "the last layer stays");
    }
}
