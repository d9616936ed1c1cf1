package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.testing.Golden;

/** ControlNets are found out from names and shapes in each layout, and refused where they do not fit. */
class ControlNetLoaderTest {
    static Path fixture(String name) {
        return Golden.root().resolve("controlnet").resolve(name);
    }

    static ControlNetSpec detect(String name) {
        try (TensorSource s = ControlNetLoader.open(fixture(name))) {
            return ControlNetLoader.detect(s);
        }
    }

    @Test
    void everyLayoutGivesTheSameConfiguration() {
        ControlNetSpec prefixed = detect("tiny-controlnet-a.safetensors");
        assertEquals(prefixed, detect("tiny-controlnet-b.safetensors"));
        assertEquals(prefixed, detect("tiny-controlnet-a-diffusers"));
        UNetConfig u = prefixed.config().unet();
        assertEquals(32, u.modelChannels());
        assertArrayEquals(new int[] {1, 1}, u.channelMult());
        assertEquals(32, u.contextDim());
        assertArrayEquals(new int[] {8, 8, 16, 16, 16, 16, 32, 32}, prefixed.config().hintWidths());
    }

    @Test
    void aModelIsNotAControlNet() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ControlNetLoader.open(Golden.blocks("tiny-sd1.safetensors")));
        assertTrue(e.getMessage().contains("tiny-sd1.safetensors is not a ControlNet"), e.getMessage());
        assertTrue(e.getMessage().contains("pass it with --model"), e.getMessage());
    }

    @Test
    void aControlNetForSd2IsRefusedOnSd1WithTheDifferences() {
        ControlNetSpec sd2 = ControlNetSpec.of(new studio.engine.nn.unet.ControlNetConfig(UNetConfig.sd21(), 3,
                new int[] {16, 16, 32, 32, 96, 96, 256, 320}));
        assertEquals("SD 2.x", sd2.family());
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> sd2.requireFits(UNetConfig.sd15(), "SD 1.x", "control_v11p_sd21_canny", "v1-5-pruned"));
        assertEquals("ControlNet control_v11p_sd21_canny was made for SD 2.x models, not for v1-5-pruned (SD 1.x): "
                + "text context 1024 wide, the model's 768; attention projected by linear layers (SD 2.x), the model's "
                + "by 1x1 convolutions (SD 1.x). Use a ControlNet made for SD 1.x models", e.getMessage());
    }

    @Test
    void aMissingFileOrPickleIsRefusedInWords() {
        assertTrue(assertThrows(InvalidRequestException.class, () -> ControlNetLoader.open(fixture("nope.safetensors")))
                .getMessage().startsWith("ControlNet not found"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> ControlNetLoader.open(fixture("hint-a.png")))
                .getMessage().contains("is not a .safetensors file"));
    }
}
