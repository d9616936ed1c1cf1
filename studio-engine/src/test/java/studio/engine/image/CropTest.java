package studio.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one crop of each image type: the region's pixels, row by row, or a refusal naming the bounds. */
class CropTest {
    @Test
    void rgbCropKeepsTheRegionsPixels() {
        int[] px = new int[4 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | i;
        }
        RgbImage crop = new RgbImage(4, 3, px).crop(1, 1, 2, 2);
        assertArrayEquals(new int[] {0xFF000005, 0xFF000006, 0xFF000009, 0xFF00000A}, crop.pixels());
    }

    @Test
    void grayCropKeepsTheRegionsValues() {
        float[] v = new float[4 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 16f;
        }
        GrayImage crop = new GrayImage(4, 3, v).crop(2, 0, 2, 3);
        assertArrayEquals(new float[] {2 / 16f, 3 / 16f, 6 / 16f, 7 / 16f, 10 / 16f, 11 / 16f}, crop.values());
    }

    @Test
    void regionsOutsideOrEmptyAreRefused() {
        GrayImage mask = new GrayImage(10, 10, new float[100]);
        assertEquals("crop 6x2 at (5, 5) is outside the 10x10 image",
                assertThrows(IllegalArgumentException.class, () -> mask.crop(5, 5, 6, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RgbImage.filled(4, 4, 0).crop(0, 0, 0, 1));
    }
}
