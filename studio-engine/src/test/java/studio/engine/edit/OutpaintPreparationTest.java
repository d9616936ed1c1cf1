package studio.engine.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.engine.image.RgbImage;

/** The one outpainting preparation on canvases that are not a rectangle with margins. */
class OutpaintPreparationTest {
    @Test
    void theSeamDistanceIsTheChessboardDistanceToTheNearestEmptyPixel() {
        Random random = new Random(3);
        int w = 23;
        int h = 17;
        for (int round = 0; round < 20; round++) {
            boolean[] empty = new boolean[w * h];
            for (int i = 0; i < empty.length; i++) {
                empty[i] = random.nextInt(40) == 0;
            }
            int[] d = OutpaintPreparation.chessboardDistanceToEmpty(empty, w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int best = Integer.MAX_VALUE / 2;
                    for (int v = 0; v < h; v++) {
                        for (int u = 0; u < w; u++) {
                            if (empty[v * w + u]) {
                                best = Math.min(best, Math.max(Math.abs(u - x), Math.abs(v - y)));
                            }
                        }
                    }
                    assertEquals(best, d[y * w + x], "distance at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aHoleInsideThePictureIsFilledAndRampedAllAround() {
        int w = 20;
        int h = 20;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | (i % w) * 10 << 16;
        }
        for (int y = 8; y < 12; y++) {
            for (int x = 8; x < 12; x++) {
                argb[y * w + x] = 0; // an erased square
            }
        }
        OutpaintPreparation.Prepared p = OutpaintPreparation.prepare(argb, w, h, null, OutpaintFill.EXTEND, 4, 0);
        assertEquals(1f, p.mask().value(9, 9));
        assertEquals(1f, p.mask().value(7, 7), "next to the hole, diagonally too");
        assertEquals(0.5f, p.mask().value(10, 14), 1e-6f, "three pixels below the hole: 1 - 2/4");
        assertEquals(0f, p.mask().value(0, 0), "far from the hole the picture is kept");
        assertEquals(argb[9 * w + 7], p.image().argb(9, 9), "the hole takes the nearest picture pixel in its row");
        assertEquals(argb[5 * w + 3], p.image().argb(3, 5), "picture pixels are unchanged");
    }

    @Test
    void theUsersMaskIsKeptWhereItIsHigher() {
        int[] argb = new int[8 * 8];
        java.util.Arrays.fill(argb, 0xFF102030);
        argb[0] = 0;
        float[] user = new float[64];
        user[63] = 0.7f;
        OutpaintPreparation.Prepared p = OutpaintPreparation.prepare(argb, 8, 8, user, OutpaintFill.COLOUR, 2, 0);
        assertEquals(0.7f, p.mask().value(7, 7));
        assertEquals(RgbImage.filled(8, 8, 0x102030), p.image(), "the mean colour fills the empty pixel");
    }
}
