package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

class ImageLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsBmpAndJpeg() throws IOException {
        RgbImage image = PngFixtures.random(9, 6, 2);
        Path bmp = dir.resolve("a.bmp");
        ImageIO.write(Images.toBufferedImage(image), "bmp", bmp.toFile());
        assertEquals(image, ImageLoader.load(bmp));

        RgbImage flat = RgbImage.filled(16, 16, 0x4080C0);
        Path jpg = dir.resolve("a.jpg");
        ImageIO.write(Images.toBufferedImage(flat), "jpeg", jpg.toFile());
        RgbImage loaded = ImageLoader.load(jpg);
        for (int p : loaded.pixels()) {
            int[] c = PngFixtures.rgb(p);
            assertTrue(Math.abs(c[0] - 0x40) <= 3 && Math.abs(c[1] - 0x80) <= 3 && Math.abs(c[2] - 0xC0) <= 3,
                    Integer.toHexString(p));
        }
    }

    @Test
    void alphaIsDroppedNotComposited() throws IOException {
        RgbImage image = ImageLoader.load(PngFixtures.fixture(dir, "rgba.png"));
        assertArrayEquals(new int[] {0xFFFFFFFF, 0xFFFFFFFF, 0xFF000000, 0xFF808080}, image.pixels());
    }

    @Test
    void greyPngsKeepTheirValues() throws IOException {
        // Java's getRGB would brighten grey 128 to 188 through its linear-grey colour space.
        assertArrayEquals(new int[] {0xFF000000, 0xFF808080, 0xFFFFFFFF},
                ImageLoader.load(PngFixtures.fixture(dir, "gray.png")).pixels());
        assertArrayEquals(new int[] {0xFF000000, 0xFF808080, 0xFFFFFFFF},
                ImageLoader.load(PngFixtures.fixture(dir, "gray16.png")).pixels());
    }

    @Test
    void alphaIsKeptForTheEditor() throws IOException {
        assertArrayEquals(new int[] {0xFFFFFFFF, 0x00FFFFFF, 0xFF000000, 0x80808080},
                ImageLoader.loadWithAlpha(PngFixtures.fixture(dir, "rgba.png")).pixels());
        assertArrayEquals(new int[] {0xFFFFFFFF, 0x00FFFFFF},
                ImageLoader.loadWithAlpha(PngFixtures.fixture(dir, "gray-alpha.png")).pixels());
        assertTrue(ImageLoader.loadWithAlpha(PngFixtures.fixture(dir, "gray.png")).isOpaque());
    }

    @Test
    void transparentPixelsSurviveAPngRoundTrip() throws IOException {
        RgbImage canvas = new RgbImage(3, 1, new int[] {0xFF102030, 0x00000000, 0x80FF0000});
        Path png = dir.resolve("canvas.png");
        PngImages.write(canvas, png, null);
        assertEquals(canvas, ImageLoader.loadWithAlpha(png));
        RgbImage opaque = PngFixtures.random(5, 4, 1);
        PngImages.write(opaque, png, null);
        assertEquals(3, ImageIO.read(png.toFile()).getColorModel().getNumComponents(), "opaque pictures stay RGB");
        assertEquals(opaque, ImageLoader.loadWithAlpha(png));
    }

    @Test
    void maskIsLuminanceTimesAlpha() throws IOException {
        GrayImage mask = ImageLoader.loadMask(PngFixtures.fixture(dir, "rgba.png"));
        float[] v = mask.values();
        assertEquals(1f, v[0], 1e-6f, "white, opaque: repaint");
        assertEquals(0f, v[1], 1e-6f, "white but transparent: keep");
        assertEquals(0f, v[2], 1e-6f, "black: keep");
        assertEquals(128f / 255 * 128f / 255, v[3], 1e-3f, "mid grey at half alpha");
    }

    @Test
    void greyMasksUseRawSamples() throws IOException {
        assertArrayEquals(new float[] {0f, 128f / 255, 1f},
                ImageLoader.loadMask(PngFixtures.fixture(dir, "gray.png")).values(), 1e-6f);
        assertArrayEquals(new float[] {0f, 32768f / 65535, 1f},
                ImageLoader.loadMask(PngFixtures.fixture(dir, "gray16.png")).values(), 1e-6f);
        assertArrayEquals(new float[] {1f, 0f},
                ImageLoader.loadMask(PngFixtures.fixture(dir, "gray-alpha.png")).values(), 1e-6f);
    }

    @Test
    void missingFile() {
        assertRefused(dir.resolve("nope.png"), "nope.png: no such file");
    }

    @Test
    void folderInsteadOfFile() {
        assertRefused(dir, "is a folder, not an image");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));
        assertRefused(file, "empty.png: the file is empty");
    }

    @Test
    void unsupportedFormat() throws IOException {
        Path file = dir.resolve("photo.webp");
        Files.write(file, "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(file, "photo.webp: not an image in a supported format; use PNG, JPEG, BMP, GIF, TIFF or WBMP");
    }

    @Test
    void truncatedPngIsCorrupt() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(Images.toBufferedImage(PngFixtures.random(64, 64, 3)), "png", png);
        byte[] bytes = png.toByteArray();
        Path file = dir.resolve("cut.png");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(file, "cut.png: the PNG data is corrupt or truncated");
    }

    @Test
    void hugeImageIsRefusedFromItsHeaderWithoutDecoding() throws IOException {
        // Only a header: decoding would fail (no data) and a real 100000x100000 image would need 40 GB.
        Path file = headerOnlyPng(100_000, 100_000);
        long start = System.nanoTime();
        assertRefused(file, "huge.png is 100000x100000 pixels; the largest accepted is 4096 pixels a side and 16 MP");
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void oneSideOverTheLimitIsRefused() throws IOException {
        assertRefused(headerOnlyPng(4097, 8), "huge.png is 4097x8 pixels");
    }

    @Test
    void sizeAtTheLimitPassesTheSizeCheck() throws IOException {
        // 4096x4096 is allowed, so this header-only file gets as far as decoding, which then fails.
        assertRefused(headerOnlyPng(4096, 4096), "huge.png: the PNG data is corrupt or truncated");
    }

    private Path headerOnlyPng(int width, int height) throws IOException {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PngChunks.SIGNATURE);
        out.write(PngChunks.chunk("IHDR", ihdr.array()));
        out.write(PngChunks.chunk("IEND", new byte[0]));
        Path file = dir.resolve("huge.png");
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void assertRefused(Path file, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ImageLoader.load(file));
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
        InvalidRequestException m = assertThrows(InvalidRequestException.class, () -> ImageLoader.loadMask(file));
        assertEquals(e.getMessage(), m.getMessage());
    }
}
