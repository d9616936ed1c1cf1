package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.nn.vae.VaeConfig;

/** Sizes a model cannot make are refused with what is wrong and the nearest sizes that work. */
class SizeRuleTest {
    /** A hypothetical model whose VAE maps 16 pixels to one latent. */
    private static final SizeRule VAE_16 = SizeRule.of(16);

    @Test
    void theMultipleIsTheVaeFactorOnTopOfTheGeneralEight() {
        assertSame(SizeRule.ANY_MODEL, SizeRule.of(VaeConfig.sd().downsamplingFactor()), "SD: 8x VAE");
        assertSame(SizeRule.ANY_MODEL, SizeRule.of(4), "the default model: 4x VAE");
        assertSame(SizeRule.ANY_MODEL, SizeRule.of(2), "the tiny test checkpoints: 2x VAE");
        assertEquals(16, VAE_16.multiple());
        assertEquals(24, SizeRule.of(12).multiple(), "a whole number of latents and a multiple of 8");
    }

    @Test
    void aSideOffTheRuleNamesTheRuleItsOriginAndTheNearestValidSides() {
        List<String> p = VAE_16.problems(32, 24);
        assertEquals(List.of("height must be a multiple of 16 for this model (VAE factor 16), got 24; try 16 or 32"), p);
        assertEquals(2, VAE_16.problems(40, 72).size(), "both sides are reported");
        assertTrue(VAE_16.problems(8, 64).get(0).endsWith("got 8; try 16"), "no valid size below the multiple");
        assertTrue(new SizeRule(48, "").problems(4090, 48).get(0).endsWith("got 4090; try 4080"), "none above the size limit");
        assertEquals(List.of(), VAE_16.problems(48, 4096));
    }

    @Test
    void aModelsRuleNamesTheModel() {
        assertEquals(List.of("width must be a multiple of 8 for this model (SDXL), got 1001; try 1000 or 1008"),
                SizeRule.of(8).ofModel("SDXL").problems(1001, 1024));
        assertEquals(List.of("height must be a multiple of 16 for this model (custom, VAE factor 16), got 24; try 16 or 32"),
                VAE_16.ofModel("custom").problems(32, 24));
    }

    @Test
    void requestValidationUsesTheModelsRuleAndKeepsTheGeneralOneWithoutAModel() {
        GenerationRequest r = GenerationRequest.builder().prompt("x").size(32, 24).build();
        assertEquals(List.of(), r.problems(), "24 is a multiple of 8: fine before the model is known");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> r.validated(VAE_16));
        assertEquals(VAE_16.problems(32, 24).get(0), e.getMessage());
        assertEquals("width must be a multiple of 8, got 100; try 96 or 104",
                r.toBuilder().width(100).build().problems().get(0), "the model-independent message is unchanged");
        assertEquals("width must be a multiple of 8, got 100; try 96 or 104",
                r.toBuilder().width(100).build().problems(SizeRule.of(4)).get(0), "a 4x VAE keeps the general rule");
        assertTrue(r.toBuilder().steps(0).build().problems(VAE_16).size() == 2, "size and other problems together");
    }
}
