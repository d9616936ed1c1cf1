package studio.engine.edit;

import studio.engine.io.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

class MasksAndCompositeTest {
    private static GrayImage square(int size, int x0, int y0, int w, int h) {
        float[] v = new float[size * size];
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                v[y * size + x] = 1f;
            }
        }
        return new GrayImage(size, size, v);
    }

    @Test
    void blurFeathersTheEdgeWithinAboutTheRadiusAndLeavesFarPixelsAtZero() {
        GrayImage mask = square(64, 24, 24, 16, 16);
        GrayImage soft = Masks.blur(mask, 4);
        assertTrue(soft.value(32, 32) > 0.99f, "centre stays masked");
        float edge = soft.value(24, 32);
        assertTrue(edge > 0.3f && edge < 0.7f, "the edge is about half: " + edge);
        assertTrue(soft.value(21, 32) > 0f, "feather reaches outside the edge");
        assertEquals(0f, soft.value(10, 32), "far outside is exactly zero");
        assertEquals(mask.values().length, Masks.blur(mask, 0).values().length);
        assertEquals(mask, Masks.blur(mask, 0));
    }

    @Test
    void boundsAndLatentDownsampling() {
        GrayImage mask = square(64, 8, 16, 8, 8);
        assertEquals(new Box(8, 16, 8, 8), Masks.bounds(mask));
        assertNull(Masks.bounds(new GrayImage(4, 4, new float[16])));
        float[] latent = Masks.toLatent(mask, 8);
        assertEquals(64, latent.length);
        assertEquals(1f, latent[2 * 8 + 1]);
        assertEquals(0f, latent[0]);
        GrayImage inverted = Masks.invert(mask);
        assertEquals(0f, inverted.value(10, 18));
        assertEquals(1f, inverted.value(0, 0));
        assertEquals(32, Images.resize(mask, 32, 32).width());
    }

    @Test
    void compositeKeepsUnmaskedPixelsBitForBit() {
        RgbImage original = RgbImage.filled(16, 16, 0x123456);
        RgbImage generated = RgbImage.filled(16, 16, 0xABCDEF);
        GrayImage mask = Masks.blur(square(16, 6, 6, 4, 4), 2);
        RgbImage out = Composite.blend(original, generated, mask);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                float m = mask.value(x, y);
                if (m == 0f) {
                    assertEquals(original.argb(x, y), out.argb(x, y));
                } else if (m == 1f) {
                    assertEquals(generated.argb(x, y), out.argb(x, y));
                } else if (m > 0.05f) {
                    assertNotEquals(original.argb(x, y), out.argb(x, y), "partial mask blends at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void onlyMaskedCropIsPaddedKeepsAspectAndStaysInside() {
        Box tight = new Box(100, 100, 20, 10);
        Box crop = tight.expandForCrop(16, 64, 64, 512, 512);
        assertEquals(crop.width(), crop.height(), "square like the 64x64 target");
        assertTrue(crop.x() <= 84 && crop.right() >= 136, crop.toString());
        Box corner = new Box(0, 0, 10, 10).expandForCrop(32, 64, 64, 100, 100);
        assertEquals(0, corner.x());
        assertEquals(0, corner.y());
        assertTrue(corner.right() <= 100 && corner.bottom() <= 100);
    }
}
