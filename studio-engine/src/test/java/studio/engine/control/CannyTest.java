package studio.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.engine.image.RgbImage;
import studio.engine.testing.Golden;

/**
 * The canny preprocessor against OpenCV 4.6's {@code cv2.Canny} on the RGB image, as the ControlNet
 * annotator calls it (edge maps written by {@code tools/reference/canny_reference.py}): pixel for pixel.
 */
class CannyTest {
    static Path fixture(String name) {
        return Golden.root().resolve("controlnet").resolve(name);
    }

    static RgbImage read(Path file) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        return new RgbImage(img.getWidth(), img.getHeight(), px);
    }

    @ParameterizedTest(name = "thresholds {0}, {1}")
    @CsvSource({"100, 200", "50, 120", "200, 400", "10, 30"})
    void equalsOpenCvPixelForPixel(int low, int high) throws Exception {
        RgbImage input = read(fixture("canny-input.png"));
        RgbImage expected = read(fixture("canny-" + low + "-" + high + ".png"));
        RgbImage actual = Canny.edges(input, low, high);
        int differ = 0;
        int edges = 0;
        for (int y = 0; y < input.height(); y++) {
            for (int x = 0; x < input.width(); x++) {
                boolean e = (expected.argb(x, y) & 0xFF) > 127;
                boolean a = (actual.argb(x, y) & 0xFF) > 127;
                edges += e ? 1 : 0;
                differ += e != a ? 1 : 0;
            }
        }
        assertTrue(edges > 100, "the reference has edges to compare: " + edges);
        assertEquals(0, differ, differ + " of " + input.width() * input.height() + " pixels differ from OpenCV ("
                + edges + " edge pixels there)");
    }

    @Test
    void swappedThresholdsActAsOpenCvDoes() throws Exception {
        RgbImage input = read(fixture("canny-input.png"));
        assertEquals(Canny.edges(input, 100, 200), Canny.edges(input, 200, 100));
    }

    @Test
    void aFlatImageHasNoEdges() {
        RgbImage flat = RgbImage.filled(20, 10, 0x336699);
        assertTrue(java.util.Arrays.stream(Canny.edges(flat, 1, 2).pixels()).allMatch(p -> p == 0xFF000000));
    }
}
