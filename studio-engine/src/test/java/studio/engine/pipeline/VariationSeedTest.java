package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.api.Variation;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;

/** The variation seed on the built-in model: what a user sees of it, and what the PNG keeps. */
class VariationSeedTest extends OnDefaultModel {
    private static GenerationRequest.Builder apple() {
        return GenerationRequest.builder().prompt("red apple, noto style").steps(6).seed(11).sampler("ddim").previewEvery(0);
    }

    private static RgbImage one(GenerationRequest request) {
        return generator.generate(request.validated(), Progress.NONE).get(0);
    }

    @Test
    void strengthOneDrawsTheVariationSeedsPictureAndZeroTheSeedsOwn() {
        RgbImage seed11 = one(apple().build());
        RgbImage seed22 = one(apple().seed(22).build());
        assertEquals(seed22, one(apple().variation(new Variation(22, 1)).build()),
                "DDIM draws no further noise, so the picture is seed 22's");
        assertEquals(seed11, one(apple().variation(new Variation(22, 0)).build()));
        RgbImage between = one(apple().variation(new Variation(22, 0.3)).build());
        assertNotEquals(seed11, between);
        assertNotEquals(seed22, between);
    }

    @Test
    void batchItemsTakeConsecutiveVariationSeedsAndEachRemakesAlone() {
        GenerationRequest batch = apple().batchSize(2).variation(new Variation(22, 0.4)).build();
        List<RgbImage> images = generator.generate(batch.validated(), Progress.NONE);
        GenerationRequest second = batch.item(1);
        assertEquals(new Variation(23, 0.4), second.variation());
        assertEquals(12, second.seed());
        assertEquals(images.get(1), one(second));
    }

    @Test
    void thePngParametersCarryTheVariationBothWays() {
        GenerationRequest request = apple().variation(new Variation(22, 0.35)).build();
        String infotext = A1111Parameters.format(request, "emoji-ldm");
        assertTrue(infotext.contains("Seed: 11, ") && infotext.contains("Variation seed: 22, Variation seed strength: 0.35"),
                infotext);
        GenerationRequest back = A1111Parameters.parse(infotext).applyTo(GenerationRequest.builder()).build();
        assertEquals(request.variation(), back.variation());
        assertEquals(Variation.NONE, A1111Parameters.parse(A1111Parameters.format(apple().build(), "emoji-ldm"))
                .applyTo(GenerationRequest.builder().variation(new Variation(5, 0.5))).build().variation(),
                "restoring a PNG without one clears the variation");
    }

    @Test
    void aStrengthOutsideZeroToOneIsRefusedInWords() {
        assertEquals(List.of("variation strength must be between 0 and 1, got 1.5"),
                apple().variation(new Variation(22, 1.5)).build().problems());
    }
}
