package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

class ImagesTest {
    @TempDir
    Path dir;

    @Test
    void bufferedImageRoundTripIsExact() {
        RgbImage image = PngFixtures.random(11, 7, 4);
        assertEquals(image, Images.toRgbImage(Images.toBufferedImage(image)));
    }

    /** Pillow's BICUBIC resize (tools/reference/png_fixtures.py) within one level per channel. */
    @Test
    void resizeMatchesPillowBicubic() throws IOException {
        RgbImage src = ImageLoader.load(PngFixtures.fixture(dir, "resize-src.png"));
        for (String name : new String[] {"resize-down-5x4.png", "resize-up-29x20.png", "resize-mixed-7x17.png"}) {
            RgbImage expected = ImageLoader.load(PngFixtures.fixture(dir, name));
            RgbImage actual = Images.resize(src, expected.width(), expected.height());
            int[] e = expected.pixels();
            int[] a = actual.pixels();
            for (int i = 0; i < e.length; i++) {
                int[] ce = PngFixtures.rgb(e[i]);
                int[] ca = PngFixtures.rgb(a[i]);
                for (int c = 0; c < 3; c++) {
                    assertTrue(Math.abs(ce[c] - ca[c]) <= 1, name + " pixel " + i + " channel " + c + ": Pillow "
                            + ce[c] + ", ours " + ca[c]);
                }
            }
        }
    }

    @Test
    void shrinkingAveragesInsteadOfAliasing() {
        int[] px = new int[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                px[y * 64 + x] = (x + y) % 2 == 0 ? 0xFFFFFFFF : 0xFF000000;
            }
        }
        RgbImage small = Images.resize(new RgbImage(64, 64, px), 16, 16);
        for (int y = 2; y < 14; y++) {
            for (int x = 2; x < 14; x++) {
                int v = PngFixtures.rgb(small.argb(x, y))[0];
                assertTrue(v >= 126 && v <= 129, "a fine checkerboard shrinks to mid grey, got " + v);
            }
        }
    }

    @Test
    void uniformImagesStayUniformAndSameSizeIsUnchanged() {
        RgbImage flat = RgbImage.filled(10, 6, 0x204060);
        assertEquals(RgbImage.filled(23, 3, 0x204060), Images.resize(flat, 23, 3));
        assertSame(flat, Images.resize(flat, 10, 6));
    }

    @Test
    void maskResizeStaysWithinZeroAndOne() {
        float[] v = new float[8 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 8) < 4 ? 0f : 1f; // a hard edge: bicubic overshoots there
        }
        GrayImage big = Images.resize(new GrayImage(8, 8, v), 31, 5);
        for (float f : big.values()) {
            assertTrue(f >= 0f && f <= 1f, "value " + f);
        }
        assertEquals(0f, big.value(0, 2), 1e-6f);
        assertEquals(1f, big.value(30, 2), 1e-6f);
    }

    @Test
    void coverCropKeepsTheCentreOfAWideImage() {
        RgbImage wide = stripes(200, 100, true);
        RgbImage square = Images.coverCrop(wide, 50, 50);
        assertEquals(RgbImage.filled(50, 50, 0x0000FF), square, "only the blue middle survives");
    }

    @Test
    void coverCropKeepsTheCentreOfATallImage() {
        RgbImage tall = stripes(100, 200, false);
        assertEquals(RgbImage.filled(40, 40, 0x0000FF), Images.coverCrop(tall, 40, 40));
    }

    @Test
    void coverCropFillsTheTargetAspect() {
        RgbImage out = Images.coverCrop(PngFixtures.random(640, 480, 5), 512, 768);
        assertEquals(512, out.width());
        assertEquals(768, out.height());
    }

    @Test
    void cropOutsideTheImageIsRefused() {
        RgbImage image = RgbImage.filled(10, 10, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> image.crop(5, 5, 6, 2));
        assertEquals("crop 6x2 at (5, 5) is outside the 10x10 image", e.getMessage());
    }

    /** Red, blue, green in quarter / half / quarter bands along the long side. */
    private static RgbImage stripes(int w, int h, boolean horizontal) {
        int[] px = new int[w * h];
        int length = horizontal ? w : h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int t = horizontal ? x : y;
                int colour = t < length / 4 ? 0xFF0000 : t >= length * 3 / 4 ? 0x00FF00 : 0x0000FF;
                px[y * w + x] = 0xFF00_0000 | colour;
            }
        }
        return new RgbImage(w, h, px);
    }
}
