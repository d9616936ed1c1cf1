package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;

/** ControlNet units in PNG parameters: sd-webui-controlnet's form out, and back in (theirs too). */
class ControlNetParametersTest {
    private static final RgbImage HINT = RgbImage.filled(8, 8, 0);

    @Test
    void writesTheExtensionsFormAndReadsItBack() {
        GenerationRequest r = GenerationRequest.builder().prompt("a cat").size(512, 512).controls(List.of(
                ControlUnit.of("/models/control_v11p_sd15_canny.safetensors", HINT, "canny").withCanny(80, 160),
                ControlUnit.of("/models/control_sd15_scribble.safetensors", HINT, "lineart-invert").withWeight(0.75)
                        .withRange(0.1, 0.8).withMode(ControlMode.CONTROL))).build();
        String text = A1111Parameters.format(r, "v1-5");
        assertTrue(text.endsWith(", Model: v1-5, ControlNet 0: \"Module: canny, Model: control_v11p_sd15_canny, "
                + "Weight: 1, Resize Mode: Crop and Resize, Threshold A: 80, Threshold B: 160, Guidance Start: 0, "
                + "Guidance End: 1, Control Mode: Balanced\", ControlNet 1: \"Module: invert, Model: control_sd15_scribble, "
                + "Weight: 0.75, Resize Mode: Crop and Resize, Threshold A: 100, Threshold B: 200, Guidance Start: 0.1, "
                + "Guidance End: 0.8, Control Mode: ControlNet is more important\""), text);
        List<ControlNetParameters> back = A1111Parameters.parse(text).controlNets();
        assertEquals(List.of(
                new ControlNetParameters("canny", "control_v11p_sd15_canny", 1, 0, 1, ControlMode.BALANCED, 80, 160),
                new ControlNetParameters("lineart-invert", "control_sd15_scribble", 0.75, 0.1, 0.8, ControlMode.CONTROL,
                        100, 200)), back);
        assertEquals(r.controls().get(1), back.get(1).applyTo(
                ControlUnit.of("/models/control_sd15_scribble.safetensors", HINT, "none")));
    }

    @Test
    void readsAnA1111Infotext() {
        String text = "a house\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, "
                + "ControlNet 0: \"Module: depth_midas, Model: control_v11f1p_sd15_depth [cfd03158], Weight: 1.0, "
                + "Resize Mode: Crop and Resize, Low Vram: False, Processor Res: 512, Threshold A: 0.5, Threshold B: 0.5, "
                + "Guidance Start: 0.0, Guidance End: 0.6, Pixel Perfect: False, Control Mode: My prompt is more important\"";
        ParsedParameters p = A1111Parameters.parse(text);
        ControlNetParameters c = p.controlNets().get(0);
        assertEquals("control_v11f1p_sd15_depth", c.model());
        assertEquals(ControlMode.PROMPT, c.mode());
        assertEquals(0.6, c.end());
        assertEquals("none", c.applyTo(ControlUnit.of("d.safetensors", HINT, "none")).preprocessor());
        assertTrue(p.warnings().get(0).contains("ControlNet module 'depth_midas' needs a neural preprocessor"),
                p.warnings().toString());
    }
}
