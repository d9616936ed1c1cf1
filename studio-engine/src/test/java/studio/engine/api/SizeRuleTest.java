package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;

/** Sizes a model cannot make are refused with what is wrong and the nearest sizes that work. */
class SizeRuleTest {
    /** A model with an 8x VAE and a 2-level U-Net. */
    private static final SizeRule DEFAULT_MODEL = SizeRule.of(8, 2);

    @Test
    void theMultipleIsTheVaeFactorTimesTwoPerUNetDownsampling() {
        assertEquals(16, DEFAULT_MODEL.multiple(), "8x VAE, 2-level U-Net");
        assertEquals(64, SizeRule.of(VaeConfig.sd().downsamplingFactor(), UNetConfig.sd15().channelMult().length).multiple(),
                "SD 1.5: 8x VAE, 4-level U-Net");
        assertEquals(4, SizeRule.of(2, 2).multiple(), "the tiny test checkpoints: 2x VAE, 2-level U-Net");
    }

    @Test
    void aSideOffTheRuleNamesTheRuleItsOriginAndTheNearestValidSides() {
        List<String> p = DEFAULT_MODEL.problems(32, 24);
        assertEquals(List.of("height must be a multiple of 16 for this model (VAE factor 8 x 2^1 for the U-Net's "
                + "1 downsampling), got 24; try 16 or 32"), p);
        assertEquals(2, DEFAULT_MODEL.problems(40, 72).size(), "both sides are reported");
        assertTrue(DEFAULT_MODEL.problems(8, 64).get(0).endsWith("got 8; try 16"), "no valid size below the multiple");
        assertTrue(new SizeRule(48, "").problems(4090, 48).get(0).endsWith("got 4090; try 4080"), "none above the size limit");
        assertEquals(List.of(), DEFAULT_MODEL.problems(48, 4096));
    }

    @Test
    void requestValidationUsesTheModelsRuleAndKeepsTheGeneralOneWithoutAModel() {
        GenerationRequest r = GenerationRequest.builder().prompt("x").size(32, 24).build();
        assertEquals(List.of(), r.problems(), "24 is a multiple of 8: fine before the model is known");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> r.validated(DEFAULT_MODEL));
        assertEquals(DEFAULT_MODEL.problems(32, 24).get(0), e.getMessage());
        assertEquals("width must be a multiple of 8, got 100; try 96 or 104",
                r.toBuilder().width(100).build().problems().get(0), "the model-independent message is unchanged");
        assertTrue(r.toBuilder().steps(0).build().problems(DEFAULT_MODEL).size() == 2, "size and other problems together");
    }
}
