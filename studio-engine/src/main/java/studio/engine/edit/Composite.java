package studio.engine.edit;

import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * The final step of every edit: generated pixels blended over the original through the (blurred)
 * mask. Where the mask is exactly 0 the original pixel is copied unchanged, bit for bit.
 */
public final class Composite {
    private Composite() {
    }

    public static RgbImage blend(RgbImage original, RgbImage generated, GrayImage mask) {
        int w = original.width();
        int h = original.height();
        if (generated.width() != w || generated.height() != h || mask.width() != w || mask.height() != h) {
            throw new IllegalArgumentException("composite needs equal sizes: original " + w + "x" + h + ", generated "
                    + generated.width() + "x" + generated.height() + ", mask " + mask.width() + "x" + mask.height());
        }
        int[] a = original.pixels();
        int[] b = generated.pixels();
        float[] m = mask.values();
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            float t = m[i];
            if (t <= 0f) {
                out[i] = a[i];
            } else if (t >= 1f) {
                out[i] = 0xFF000000 | b[i];
            } else {
                out[i] = 0xFF000000 | mix(a[i] >> 16, b[i] >> 16, t) << 16 | mix(a[i] >> 8, b[i] >> 8, t) << 8
                        | mix(a[i], b[i], t);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static int mix(int a, int b, float t) {
        return Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
    }

    /** Pastes {@code patch} into {@code image} at (x, y). */
    public static RgbImage paste(RgbImage image, RgbImage patch, int x, int y) {
        int[] px = image.pixels();
        for (int py = 0; py < patch.height(); py++) {
            for (int pxx = 0; pxx < patch.width(); pxx++) {
                int tx = x + pxx;
                int ty = y + py;
                if (tx >= 0 && ty >= 0 && tx < image.width() && ty < image.height()) {
                    px[ty * image.width() + tx] = patch.argb(pxx, py);
                }
            }
        }
        return new RgbImage(image.width(), image.height(), px);
    }
}
