package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Progress;
import studio.engine.edit.Masks;
import studio.engine.edit.OutpaintCanvas;
import studio.engine.edit.OutpaintFill;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/** img2img, inpainting and outpainting through the real pipeline on the default model. */
class EditModesTest extends OnDefaultModel {
    static RgbImage photo(int w, int h) {
        SplittableRandom r = new SplittableRandom(11);
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 0xFF000000 | (x * 255 / w) << 16 | (y * 255 / h) << 8 | r.nextInt(64);
            }
        }
        return new RgbImage(w, h, px);
    }

    static GrayImage square(int w, int h, int x0, int y0, int size) {
        float[] v = new float[w * h];
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                v[y * w + x] = 1f;
            }
        }
        return new GrayImage(w, h, v);
    }

    private static GenerationRequest.Builder base() {
        return GenerationRequest.builder().prompt("a red apple").size(64, 64).steps(6).seed(5).previewEvery(0);
    }

    private static RgbImage run(GenerationRequest r) {
        return generator.generate(r.validated(), Progress.NONE).get(0);
    }

    /** Asserts every pixel where {@code keep} is exactly 0 equals the original's. */
    static int assertUnchangedOutside(RgbImage original, RgbImage result, GrayImage keep) {
        int changedInside = 0;
        for (int y = 0; y < original.height(); y++) {
            for (int x = 0; x < original.width(); x++) {
                if (keep.value(x, y) == 0f) {
                    assertEquals(original.argb(x, y), result.argb(x, y), "pixel " + x + "," + y + " outside the mask changed");
                } else if (original.argb(x, y) != result.argb(x, y)) {
                    changedInside++;
                }
            }
        }
        return changedInside;
    }

    @Test
    void img2imgStrengthZeroIsTheVaeRoundTripAndStrengthChangesTheImage() {
        RgbImage init = photo(64, 64);
        RgbImage zero = run(base().initImage(init).strength(0).build());
        RgbImage zeroAgain = run(base().initImage(init).strength(0).seed(99).build());
        assertEquals(zero, zeroAgain, "strength 0 involves no noise: any seed gives the VAE round trip");
        RgbImage half = run(base().initImage(init).strength(0.5).build());
        RgbImage full = run(base().initImage(init).strength(1).build());
        assertNotEquals(zero, half);
        assertNotEquals(half, full);
    }

    @Test
    void img2imgOfAnotherSizeIsCoverCroppedToTheRequestedSize() {
        RgbImage result = run(base().initImage(photo(128, 80)).strength(0.5).build());
        assertEquals(64, result.width());
        assertEquals(64, result.height());
    }

    @Test
    void inpaintingKeepsEveryPixelOutsideTheFeatheredMask() {
        RgbImage init = photo(64, 64);
        GrayImage mask = square(64, 64, 16, 16, 24);
        for (int blur : new int[] {0, 4}) {
            RgbImage result = run(base().initImage(init).mask(mask).maskBlur(blur).strength(1).build());
            int changed = assertUnchangedOutside(init, result, Masks.blur(mask, blur));
            assertTrue(changed > 24 * 24 / 2, "most masked pixels are repainted, changed " + changed);
        }
    }

    /**
     * A 50% grey mask repaints halfway: over the picture the result moves away from the original, but
     * by clearly less than a full (white) mask moves it. Compared on means over every pixel and
     * channel, not on one pixel, because the two runs draw different pictures.
     */
    @Test
    void greyMaskBlendsPartially() {
        RgbImage init = photo(64, 64);
        float[] grey = new float[64 * 64];
        java.util.Arrays.fill(grey, 0.5f);
        RgbImage half = run(base().initImage(init).mask(new GrayImage(64, 64, grey)).maskBlur(0).strength(1).build());
        RgbImage full = run(base().initImage(init).mask(square(64, 64, 0, 0, 64)).maskBlur(0).strength(1).build());
        double moved = meanDifference(init, half);
        double fullyMoved = meanDifference(init, full);
        System.out.printf("grey mask moved %.1f, white mask %.1f%n", moved, fullyMoved);
        assertTrue(moved > 1 && moved < 0.8 * fullyMoved,
                "mean change from the original: grey mask " + moved + ", white mask " + fullyMoved);
    }

    private static double meanDifference(RgbImage a, RgbImage b) {
        double sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((a.pixels()[i] >> shift & 0xFF) - (b.pixels()[i] >> shift & 0xFF));
            }
        }
        return sum / (3.0 * a.pixels().length);
    }

    @Test
    void onlyMaskedAreaWorksOnACropAndKeepsTheRest() {
        RgbImage init = photo(128, 128);
        GrayImage mask = square(128, 128, 80, 80, 12);
        RgbImage result = run(base().initImage(init).mask(mask).maskBlur(2).inpaintArea(InpaintArea.MASKED)
                .strength(1).build());
        assertEquals(128, result.width(), "the whole picture comes back");
        int changed = assertUnchangedOutside(init, result, Masks.blur(mask, 2));
        assertTrue(changed > 12 * 12 / 2, "the masked region is repainted, changed " + changed);
    }

    @Test
    void anEmptyMaskIsRefused() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> base().initImage(photo(64, 64)).mask(new GrayImage(64, 64, new float[64 * 64])).build().validated());
        assertTrue(e.getMessage().contains("nothing to inpaint"), e.getMessage());
    }

    @ParameterizedTest(name = "left={0} right={1} top={2} bottom={3}")
    @CsvSource({"32,0,0,0", "0,32,0,0", "0,0,32,0", "0,0,0,32", "16,16,16,16"})
    void outpaintingFillsTheNewAreaAndKeepsTheOldImageOutsideTheBand(int l, int r, int t, int b) {
        RgbImage source = photo(32, 32);
        OutpaintCanvas canvas = OutpaintCanvas.create(source, l, r, t, b, OutpaintFill.EXTEND, 8, 5);
        RgbImage result = run(base().initImage(canvas.image()).mask(canvas.mask()).maskBlur(0).strength(1)
                .size(canvas.image().width(), canvas.image().height()).build());
        assertUnchangedOutside(canvas.image(), result, canvas.mask());
        List<Integer> newArea = new java.util.ArrayList<>();
        for (int y = 0; y < result.height(); y++) {
            for (int x = 0; x < result.width(); x++) {
                if (canvas.mask().value(x, y) == 1f && result.argb(x, y) != canvas.image().argb(x, y)) {
                    newArea.add(x);
                }
            }
        }
        assertTrue(newArea.size() > 32 * 32 / 2, "the new area is painted, changed " + newArea.size());
    }
}
