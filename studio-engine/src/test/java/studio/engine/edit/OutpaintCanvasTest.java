package studio.engine.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.RgbImage;

class OutpaintCanvasTest {
    private static RgbImage randomImage(int w, int h) {
        SplittableRandom r = new SplittableRandom(3);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | r.nextInt(0x1000000);
        }
        return new RgbImage(w, h, px);
    }

    @ParameterizedTest(name = "left={0} right={1} top={2} bottom={3}")
    @CsvSource({"16,0,0,0", "0,16,0,0", "0,0,16,0", "0,0,0,16", "8,0,8,0", "0,24,0,8"})
    void everyDirectionKeepsTheOldImageOutsideTheBandAndMasksTheNewArea(int l, int r, int t, int b) {
        RgbImage src = randomImage(32, 24);
        OutpaintCanvas c = OutpaintCanvas.create(src, l, r, t, b, OutpaintFill.EXTEND, 4, 1);
        assertEquals(32 + l + r, c.image().width());
        assertEquals(24 + t + b, c.image().height());
        for (int y = 0; y < c.image().height(); y++) {
            for (int x = 0; x < c.image().width(); x++) {
                int sx = x - l;
                int sy = y - t;
                boolean inside = sx >= 0 && sy >= 0 && sx < 32 && sy < 24;
                float m = c.mask().value(x, y);
                if (!inside) {
                    assertEquals(1f, m, "new area is fully masked at " + x + "," + y);
                } else {
                    assertEquals(src.argb(sx, sy), c.image().argb(x, y), "old pixels are placed unchanged");
                    int d = Math.min(Math.min(l > 0 ? sx : 99, r > 0 ? 31 - sx : 99), Math.min(t > 0 ? sy : 99, b > 0 ? 23 - sy : 99));
                    if (d >= 4) {
                        assertEquals(0f, m, "outside the band the mask is exactly 0 at " + x + "," + y);
                    } else {
                        assertTrue(m > 0f && m <= 1f, "the band ramps at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void fillsFollowTheirRule() {
        RgbImage src = randomImage(4, 4);
        OutpaintCanvas extend = OutpaintCanvas.create(src, 3, 0, 0, 0, OutpaintFill.EXTEND, 0, 1);
        assertEquals(src.argb(0, 2), extend.image().argb(0, 2));
        OutpaintCanvas mirror = OutpaintCanvas.create(src, 3, 0, 0, 0, OutpaintFill.MIRROR, 0, 1);
        assertEquals(src.argb(1, 2), mirror.image().argb(2, 2), "one left of the edge mirrors one right of it");
        assertEquals(src.argb(3, 2), mirror.image().argb(0, 2));
        OutpaintCanvas flat = OutpaintCanvas.create(RgbImage.filled(4, 4, 0x102030), 0, 2, 0, 0, OutpaintFill.COLOUR, 0, 1);
        assertEquals(0xFF102030, flat.image().argb(5, 1));
        OutpaintCanvas noise1 = OutpaintCanvas.create(src, 0, 0, 0, 8, OutpaintFill.NOISE, 0, 9);
        OutpaintCanvas noise2 = OutpaintCanvas.create(src, 0, 0, 0, 8, OutpaintFill.NOISE, 0, 9);
        assertEquals(noise1.image(), noise2.image(), "noise fill is seeded");
    }

    @Test
    void refusesNothingToDoAndOversizedCanvases() {
        RgbImage src = randomImage(8, 8);
        assertThrows(InvalidRequestException.class, () -> OutpaintCanvas.create(src, 0, 0, 0, 0, OutpaintFill.EXTEND, 8, 1));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> OutpaintCanvas.create(src, 5000, 0, 0, 0, OutpaintFill.EXTEND, 8, 1));
        assertTrue(e.getMessage().contains("5008x8"), e.getMessage());
        assertThrows(InvalidRequestException.class, () -> OutpaintFill.parse("plaid"));
    }
}
