package studio.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import studio.engine.image.RgbImage;

/**
 * The PNG fixtures of the image tests, and random pictures to round-trip (the studio's test pictures
 * are {@code studio.ui.testing.TestImages}).
 */
final class PngFixtures {
    private PngFixtures() {
    }

    /** Copies a fixture from src/test/resources/studio/engine/io/png into {@code dir}. */
    static Path fixture(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = PngFixtures.class.getResourceAsStream("png/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture png/" + name);
            }
            Files.copy(in, target);
        }
        return target;
    }

    static RgbImage random(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF00_0000 | random.nextInt(1 << 24);
        }
        return new RgbImage(width, height, px);
    }

    static int[] rgb(int argb) {
        return new int[] {argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF};
    }
}
