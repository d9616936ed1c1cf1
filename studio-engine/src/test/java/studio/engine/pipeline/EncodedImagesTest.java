package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;

/**
 * Live strokes over one picture: the model's VAE encodes the picture once, and the results are the
 * ones an engine without the cache gives, pixel for pixel.
 */
class EncodedImagesTest extends OnDefaultModel {
    private static GenerationRequest stroke(RgbImage picture, int y) {
        return GenerationRequest.builder().prompt("yellow star, fluent style").size(64, 64).steps(8).seed(7)
                .sampler("euler").previewEvery(0).initImage(picture).mask(EditModesTest.square(64, 64, 12, y, 16))
                .build().validated();
    }

    private static int encodes() {
        return models.get(GenerationRequest.DEFAULT_MODEL).encoded().encodes();
    }

    @Test
    void aPictureIsEncodedOnceForEveryStrokeOverItAndTheResultsAreUnchanged() {
        RgbImage picture = EditModesTest.photo(64, 64);
        int before = encodes();
        generator.generate(stroke(picture, 8), Progress.NONE);
        RgbImage second = generator.generate(stroke(picture, 30), Progress.NONE).get(0);
        assertEquals(before + 1, encodes(), "the second stroke over the same picture reuses its latent");

        try (ModelRepository fresh = ModelRepository.defaultOnly()) {
            RgbImage uncached = new StableDiffusionGenerator(fresh).generate(stroke(picture, 30), Progress.NONE).get(0);
            assertEquals(uncached, second, "a cached latent gives the same picture as a fresh encode");
        }

        RgbImage other = RgbImage.filled(64, 64, 0x3366AA);
        RgbImage third = RgbImage.filled(64, 64, 0xAA6633);
        generator.generate(stroke(other, 8), Progress.NONE);
        generator.generate(stroke(third, 8), Progress.NONE);
        assertEquals(before + 3, encodes(), "each new picture is encoded");
        generator.generate(stroke(picture, 8), Progress.NONE);
        assertEquals(before + 4, encodes(), "two pictures are kept: the first was let go for the later ones");
    }
}
