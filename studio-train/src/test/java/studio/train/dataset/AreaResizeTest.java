package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AreaResizeTest {
    private static BufferedImage image(int w, int h, int[] rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        // 4x2 image: left block black/white checker, right block all 0x102030.
        int[] px = {0x000000, 0xFFFFFF, 0x102030, 0x102030,
                    0xFFFFFF, 0x000000, 0x102030, 0x102030};
        BufferedImage out = AreaResize.resize(image(4, 2, px), 2, 1);
        assertEquals(0x808080, out.getRGB(0, 0) & 0xFFFFFF); // 127.5 rounds to 128
        assertEquals(0x102030, out.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void nonIntegerRatioWeighsPartlyCoveredPixels() {
        // 3 pixels -> 2: output 0 covers pixel 0 fully and half of pixel 1.
        BufferedImage out = AreaResize.resize(image(3, 1, new int[] {0x000000, 0x0000FF, 0x0000FF}), 2, 1);
        assertEquals(Math.round(255 * 0.5 / 1.5), out.getRGB(0, 0) & 0xFF);
        assertEquals(255, out.getRGB(1, 0) & 0xFF);
    }

    @Test
    void shrinkingKeepsTheMeanColour() {
        Random random = new Random(7);
        int[] px = new int[60 * 60];
        long sum = 0;
        for (int i = 0; i < px.length; i++) {
            int g = random.nextInt(256);
            px[i] = g << 8;
            sum += g;
        }
        BufferedImage out = AreaResize.resize(image(60, 60, px), 25, 25);
        long outSum = 0;
        for (int y = 0; y < 25; y++) {
            for (int x = 0; x < 25; x++) {
                outSum += (out.getRGB(x, y) >> 8) & 0xFF;
            }
        }
        assertEquals(sum / 3600.0, outSum / 625.0, 0.3);
        assertEquals(25, out.getWidth());
        assertEquals(25, out.getHeight());
    }

    @Test
    void sameSizeIsUntouchedAndEnlargingGivesTheAskedSize() {
        BufferedImage src = image(2, 2, new int[] {1, 2, 3, 4});
        assertSame(src, AreaResize.resize(src, 2, 2));
        BufferedImage big = AreaResize.resize(src, 5, 7);
        assertEquals(5, big.getWidth());
        assertEquals(7, big.getHeight());
    }
}
