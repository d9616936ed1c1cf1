package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.RgbImage;

class PngImagesTest {
    /** The texts tools/reference/png_fixtures.py stored with Pillow. */
    static final String LATIN = "a caf\u00e9 by the sea, (golden hour:1.2)\n"
            + "Negative prompt: blurry\n"
            + "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x512, Model: v1-5-pruned-emaonly";
    static final String UNICODE = LATIN.replace("caf\u00e9", "\u732b\u3068\u72ac");

    @TempDir
    Path dir;

    @Test
    void readsPillowsTextChunk() throws IOException {
        assertEquals(Optional.of(LATIN), PngImages.parameters(PngFixtures.fixture(dir, "text.png")));
    }

    @Test
    void readsPillowsInternationalTextChunk() throws IOException {
        assertEquals(Optional.of(UNICODE), PngImages.parameters(PngFixtures.fixture(dir, "itxt.png")));
    }

    @Test
    void readsCompressedTextChunk() throws IOException {
        assertEquals(Optional.of(LATIN), PngImages.parameters(PngFixtures.fixture(dir, "ztxt.png")));
    }

    @Test
    void readsCompressedInternationalChunkAfterAnUnrelatedOne() throws IOException {
        assertEquals(Optional.of(UNICODE), PngImages.parameters(PngFixtures.fixture(dir, "itxt-zip.png")));
    }

    @Test
    void pngWithoutParametersGivesEmpty() throws IOException {
        assertEquals(Optional.empty(), PngImages.parameters(PngFixtures.fixture(dir, "rgba.png")));
    }

    @Test
    void writtenPngRoundTripsPixelsAndLatin1ParametersAsTextChunk() throws IOException {
        RgbImage image = PngFixtures.random(7, 5, 1);
        Path file = dir.resolve("out.png");
        PngImages.write(image, file, LATIN);
        assertEquals(image, PngImages.read(file));
        assertEquals(Optional.of(LATIN), PngImages.parameters(file));
        assertEquals(List.of("IHDR", "tEXt", "IDAT", "IEND"), chunkTypes(file).stream().distinct().toList(),
                "the text chunk sits before the image data, where Pillow puts it");
        assertTrue(ImageIO.read(file.toFile()) != null, "still a PNG that ImageIO decodes");
    }

    @Test
    void nonLatin1ParametersAreWrittenAsInternationalText() throws IOException {
        Path file = dir.resolve("jp.png");
        PngImages.write(RgbImage.filled(4, 4, 0x336699), file, UNICODE);
        assertTrue(chunkTypes(file).contains("iTXt"));
        assertTrue(!chunkTypes(file).contains("tEXt"));
        assertEquals(Optional.of(UNICODE), PngImages.parameters(file));
    }

    @Test
    void noParametersMeansNoTextChunk() throws IOException {
        Path file = dir.resolve("plain.png");
        PngImages.write(RgbImage.filled(2, 2, 0), file, null);
        assertEquals(List.of("IHDR", "IDAT", "IEND"), chunkTypes(file).stream().distinct().toList());
        assertEquals(Optional.empty(), PngImages.parameters(file));
    }

    @Test
    void textChunkWithABadChecksumIsIgnored() throws IOException {
        Path file = dir.resolve("damaged.png");
        PngImages.write(RgbImage.filled(2, 2, 0), file, "Steps: 20, Seed: 1, Size: 8x8");
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "Steps".getBytes(StandardCharsets.US_ASCII));
        bytes[at] = 's';
        Files.write(file, bytes);
        assertEquals(Optional.empty(), PngImages.parameters(file));
    }

    @Test
    void parametersOverTheSizeLimitAreRefusedWithTheLimit() throws IOException {
        Path file = dir.resolve("huge.png");
        PngImages.write(RgbImage.filled(2, 2, 0), file, "x".repeat(PngChunks.MAX_TEXT_BYTES + 1));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> PngImages.parameters(file));
        assertEquals("huge.png: its 'parameters' text is larger than the 1 MiB limit for generation parameters; "
                + "give the prompt and settings yourself instead of reusing this file's", e.getMessage());
    }

    @Test
    void otherLargeTextChunksAreSkipped() throws IOException {
        Path file = dir.resolve("workflow.png");
        PngImages.write(RgbImage.filled(2, 2, 0), file, null);
        byte[] png = Files.readAllBytes(file);
        png = PngChunks.insertBeforeImageData(png, PngChunks.textChunk("workflow", "y".repeat(PngChunks.MAX_TEXT_BYTES + 10)));
        png = PngChunks.insertBeforeImageData(png, PngChunks.textChunk("parameters", "Steps: 20, Seed: 1, Size: 8x8"));
        Files.write(file, png);
        assertEquals(Optional.of("Steps: 20, Seed: 1, Size: 8x8"), PngImages.parameters(file));
    }

    @Test
    void overwritesAtomicallyLeavingNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("same.png");
        PngImages.write(RgbImage.filled(2, 2, 0xFF0000), file, "first");
        PngImages.write(RgbImage.filled(3, 3, 0x00FF00), file, "second");
        assertEquals(RgbImage.filled(3, 3, 0x00FF00), PngImages.read(file));
        assertEquals(Optional.of("second"), PngImages.parameters(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void parametersOfANonPngIsRefused() throws IOException {
        Path file = dir.resolve("photo.jpg");
        ImageIO.write(Images.toBufferedImage(RgbImage.filled(4, 4, 0)), "jpeg", file.toFile());
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> PngImages.parameters(file));
        assertEquals("photo.jpg: not a PNG file, so it carries no parameters", e.getMessage());
    }

    @Test
    void readsPillowPixels() throws IOException {
        RgbImage image = PngImages.read(PngFixtures.fixture(dir, "text.png"));
        assertEquals(3, image.width());
        assertEquals(2, image.height());
        assertArrayEquals(new int[] {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFF0A141E, 0xFF808080, 0xFFFFFFFF},
                image.pixels());
    }

    static List<String> chunkTypes(Path png) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(png));
        b.position(8);
        List<String> types = new ArrayList<>();
        while (b.remaining() >= 12) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            types.add(new String(type, StandardCharsets.US_ASCII));
            b.position(b.position() + length + 4);
        }
        return types;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
