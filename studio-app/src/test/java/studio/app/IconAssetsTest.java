package studio.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The icon files the installers ship: every size each platform asks for, containers Windows and macOS
 * can read, and all of them still the rendering of the one SVG (re-run installers/icons/render.sh).
 */
class IconAssetsTest {
    private static final Path ICONS = Path.of("..", "assets", "icons");
    private static final int[] PNG_SIZES = {16, 24, 32, 48, 64, 128, 256, 512, 1024};

    @Test
    void everyPngSizeIsThereSquareAndDrawn() throws IOException {
        for (int size : PNG_SIZES) {
            BufferedImage png = ImageIO.read(ICONS.resolve("latent-studio-" + size + ".png").toFile());
            assertEquals(size, png.getWidth(), "width of the " + size + " px icon");
            assertEquals(size, png.getHeight(), "height of the " + size + " px icon");
            assertEquals(0xff, png.getRGB(size / 2, size / 2) >>> 24, "opaque in the middle at " + size + " px");
            assertEquals(0, png.getRGB(0, 0) >>> 24, "transparent outside the rounded tile at " + size + " px");
        }
    }

    @Test
    void thePngsAreStillTheRenderingOfTheSvg() throws IOException {
        SVGDocument svg = new SVGLoader().load(ICONS.resolve("latent-studio.svg").toUri().toURL());
        for (int size : new int[] {32, 256}) {
            BufferedImage expected = render(svg, size);
            BufferedImage committed = ImageIO.read(ICONS.resolve("latent-studio-" + size + ".png").toFile());
            double diff = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int a = expected.getRGB(x, y);
                    int b = committed.getRGB(x, y);
                    for (int shift = 0; shift < 32; shift += 8) {
                        diff += Math.abs((a >>> shift & 0xff) - (b >>> shift & 0xff));
                    }
                }
            }
            double mean = diff / (size * size * 4.0);
            assertTrue(mean < 1.0, "latent-studio-" + size + ".png differs from the SVG by " + mean
                    + " levels on average: run installers/icons/render.sh and commit the result");
        }
    }

    @Test
    void theWindowsIcoHoldsSevenPngEntriesUpTo256() throws IOException {
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(ICONS.resolve("latent-studio.ico")))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, ico.getShort(0));
        assertEquals(1, ico.getShort(2), "type 1 = icon");
        int count = ico.getShort(4);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            int width = Byte.toUnsignedInt(ico.get(entry)) == 0 ? 256 : Byte.toUnsignedInt(ico.get(entry));
            int length = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            BufferedImage png = decode(ico.array(), offset, length);
            assertEquals(width, png.getWidth(), "entry " + i);
            sizes.add(width);
        }
        assertEquals(List.of(16, 24, 32, 48, 64, 128, 256), sizes);
    }

    @Test
    void theMacIcnsCoversEveryRetinaSize() throws IOException {
        byte[] bytes = Files.readAllBytes(ICONS.resolve("latent-studio.icns"));
        ByteBuffer icns = ByteBuffer.wrap(bytes);
        assertArrayEquals("icns".getBytes(), new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]});
        assertEquals(bytes.length, icns.getInt(4), "the header gives the whole file's length");
        List<String> types = new ArrayList<>();
        int at = 8;
        while (at < bytes.length) {
            String type = new String(bytes, at, 4);
            int length = icns.getInt(at + 4);
            BufferedImage png = decode(bytes, at + 8, length - 8);
            int expected = switch (type) {
                case "icp4" -> 16;
                case "icp5", "ic11" -> 32;
                case "icp6", "ic12" -> 64;
                case "ic07" -> 128;
                case "ic08", "ic13" -> 256;
                case "ic09", "ic14" -> 512;
                case "ic10" -> 1024;
                default -> throw new AssertionError("unexpected icns entry " + type);
            };
            assertEquals(expected, png.getWidth(), type);
            types.add(type);
            at += length;
        }
        assertEquals(bytes.length, at, "entries fill the file exactly");
        assertEquals(List.of("icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10", "ic11", "ic12", "ic13", "ic14"), types);
    }

    private static BufferedImage decode(byte[] bytes, int offset, int length) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes, offset, length));
        assertTrue(image != null, "a PNG at offset " + offset);
        return image;
    }

    private static BufferedImage render(SVGDocument svg, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        svg.render(null, g, new ViewBox(0, 0, size, size));
        g.dispose();
        return image;
    }
}
