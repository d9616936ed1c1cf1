package studio.ui.testing;

import java.io.IOException;
import java.nio.file.Path;
import studio.engine.image.RgbImage;
import studio.engine.io.PngImages;

/** Pictures for tests: smooth, with some texture, different in every pixel row and column. */
public final class TestImages {
    private TestImages() {
    }

    public static RgbImage picture(int w, int h) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 40 + x * 180 / w;
                int g = 30 + y * 190 / h;
                int b = ((x / 4 + y / 4) % 2) * 60 + 60;
                px[y * w + x] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        return new RgbImage(w, h, px);
    }

    /** A simple landscape (sky, sun, hills, water) for pictures of the window: easier on the eye than a test pattern. */
    public static RgbImage landscape(int w, int h) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x / (double) w;
                double v = y / (double) h;
                double hill = 0.62 + 0.08 * Math.sin(u * 7.0) + 0.05 * Math.sin(u * 17.0 + 1.3);
                int rgb;
                if (v > 0.82) {
                    double shimmer = 0.5 + 0.5 * Math.sin(x * 0.9 + y * 2.1);
                    rgb = mix(0x2D5F8A, 0x6FA8D0, shimmer * (v - 0.82) * 3);
                } else if (v > hill) {
                    rgb = mix(0x3E7A3A, 0x1F4A24, (v - hill) / (0.82 - hill));
                } else {
                    rgb = mix(0xF2A65A, 0x4A78C2, 1 - v / hill);
                    double d = Math.hypot(u - 0.7, v - 0.35);
                    if (d < 0.08) {
                        rgb = 0xFFE9A8;
                    } else if (d < 0.16) {
                        rgb = mix(0xFFE9A8, rgb, (d - 0.08) / 0.08);
                    }
                }
                px[y * w + x] = 0xFF000000 | rgb;
            }
        }
        return new RgbImage(w, h, px);
    }

    private static int mix(int a, int b, double t) {
        t = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return r << 16 | g << 8 | bl;
    }

    /** Writes a PNG; {@code parameters} (A1111 infotext) goes into its text chunk when not null. */
    public static Path png(Path file, RgbImage image, String parameters) {
        try {
            PngImages.write(image, file, parameters);
            return file;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
