package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Progress;

/**
 * A size the U-Net cannot take (its skip connections would not line up) is refused before any
 * tensor op, with the model's rule, in every mode, instead of failing deep in libtorch.
 */
class SizeRefusalTest {
    private static ModelRepository models;
    private static StableDiffusionGenerator generator;

    @BeforeAll
    static void start() {
        models = ModelRepository.defaultOnly();
        generator = new StableDiffusionGenerator(models);
    }

    @AfterAll
    static void stop() {
        models.close();
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"32, 24, txt2img", "40, 32, img2img", "32, 24, inpaint", "24, 24, inpaint-masked"})
    void sizesOffTheModelsRuleAreRefusedWithTheNearestValidOnes(int width, int height, String mode) {
        GenerationRequest.Builder b = GenerationRequest.builder().prompt("x").size(width, height).steps(1).previewEvery(0);
        if (!mode.equals("txt2img")) {
            b.initImage(EditModesTest.photo(64, 64));
        }
        if (mode.startsWith("inpaint")) {
            b.mask(EditModesTest.square(64, 64, 8, 8, 16)).inpaintArea(mode.endsWith("masked")
                    ? studio.engine.api.InpaintArea.MASKED : studio.engine.api.InpaintArea.WHOLE);
        }
        GenerationRequest request = b.build().validated();
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> generator.generate(request, Progress.NONE));
        String side = width % 16 != 0 ? "width" : "height";
        int bad = width % 16 != 0 ? width : height;
        int lower = bad / 16 * 16;
        assertEquals(side + " must be a multiple of 16 for this model (VAE factor 4 x 2^2 for the U-Net's 2 downsamplings), got "
                + bad + "; try " + (lower == 0 ? "16" : lower + " or " + (lower + 16)), e.getMessage());
    }
}
