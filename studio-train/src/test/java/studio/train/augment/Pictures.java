package studio.train.augment;

import java.util.Arrays;
import studio.engine.image.RgbImage;

/** Small synthetic pictures in the image bank's layout: (3, size, size) floats in [-1, 1] on white. */
public final class Pictures {
    private Pictures() {
    }

    /** A disc of one colour (r, g, b in 0..255) centred on a white field, radius a third of the side. */
    public static float[] disc(int size, int r, int g, int b) {
        float[] img = white(size);
        int plane = size * size;
        double c = (size - 1) / 2.0;
        double radius = size / 3.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (Math.hypot(x - c, y - c) <= radius) {
                    int p = y * size + x;
                    img[p] = r / 127.5f - 1f;
                    img[plane + p] = g / 127.5f - 1f;
                    img[2 * plane + p] = b / 127.5f - 1f;
                }
            }
        }
        return img;
    }

    public static float[] white(int size) {
        float[] img = new float[3 * size * size];
        Arrays.fill(img, 1f);
        return img;
    }

    public static RgbImage toRgb(float[] img, int size) {
        int plane = size * size;
        int[] argb = new int[plane];
        for (int p = 0; p < plane; p++) {
            argb[p] = 0xFF000000 | (byteOf(img[p]) << 16) | (byteOf(img[plane + p]) << 8) | byteOf(img[2 * plane + p]);
        }
        return new RgbImage(size, size, argb);
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }
}
