package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.engine.api.Progress;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * Frames the canvas snaps to (multiples of 8) work on every model, in every mode, though the default
 * model's latent halves twice: 72 px is 18 latents, then 9, then 5, and the U-Net's upsampling has
 * to meet 9- and 18-wide skips. The U-Net itself is checked against PyTorch on odd sides in
 * {@code UNetGoldenTest}; this is the whole pipeline on the built-in model.
 */
class OffGridSizesTest extends OnDefaultModel {
    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"72, 40, txt2img", "40, 56, img2img", "72, 56, inpaint", "24, 24, inpaint-masked"})
    void sidesOffThePowerOfTwoGridGiveAPictureOfThatSize(int width, int height, String mode) {
        GenerationRequest.Builder b = GenerationRequest.builder().prompt("red apple, noto style").size(width, height)
                .steps(3).seed(3).previewEvery(0);
        RgbImage init = EditModesTest.photo(width, height);
        GrayImage mask = EditModesTest.square(width, height, 8, 8, 16);
        if (!mode.equals("txt2img")) {
            b.initImage(init).strength(0.8);
        }
        if (mode.startsWith("inpaint")) {
            b.mask(mask).maskBlur(0).inpaintArea(mode.endsWith("masked") ? InpaintArea.MASKED : InpaintArea.WHOLE);
        }
        RgbImage out = generator.generate(b.build().validated(), Progress.NONE).get(0);
        assertEquals(width, out.width(), "width");
        assertEquals(height, out.height(), "height");
        long distinct = java.util.Arrays.stream(out.pixels()).distinct().count();
        assertTrue(distinct > 20, "a picture, not a flat fill: " + distinct + " colours");
        if (mode.startsWith("inpaint")) {
            assertTrue(EditModesTest.assertUnchangedOutside(init, out, mask) > 0, "the masked square was repainted");
        }
    }
}
