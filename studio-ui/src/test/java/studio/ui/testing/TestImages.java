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
