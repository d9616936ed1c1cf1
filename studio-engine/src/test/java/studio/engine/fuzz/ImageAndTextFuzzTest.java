package studio.engine.fuzz;

import static studio.engine.fuzz.CheckpointFuzzTest.report;
import static studio.engine.fuzz.FuzzValues.pick;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.GenerationRequest;
import studio.engine.edit.Masks;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;
import studio.engine.io.ImageLoader;
import studio.engine.io.ParsedParameters;
import studio.engine.io.PngImages;

/**
 * Seeded fuzzing of what a shared PNG can carry: damaged chunks and text chunks (plain, compressed,
 * international, a decompression bomb), masks of any size and colour type, and infotext. Every case
 * must end in success or a clean refusal (see {@link FuzzHarness}), within its time limit.
 */
class ImageAndTextFuzzTest {
    private static final long SEED = 20L;
    private static final long CASE_TIMEOUT_MS = 10_000;

    @TempDir
    Path dir;

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data).putInt((int) crc.getValue()).array();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A text chunk of a random kind, keyword and text; sometimes one that inflates to 64 MB. */
    private static byte[] randomTextChunk(Random r) {
        String keyword = r.nextInt(4) == 0 ? pick(r, List.of("Comment", "workflow", "", "parameters\u00ff")) : "parameters";
        byte[] text = FuzzValues.infotext(r).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        switch (r.nextInt(4)) {
            case 0 -> {
                data.writeBytes(text);
                return chunk("tEXt", data.toByteArray());
            }
            case 1 -> {
                data.write(0);
                data.writeBytes(deflate(r.nextBoolean() ? text : new byte[64 << 20]));
                return chunk("zTXt", data.toByteArray());
            }
            default -> {
                boolean compressed = r.nextBoolean();
                data.write(compressed ? 1 : r.nextInt(3));
                data.write(0);
                data.writeBytes("en\0\0".getBytes(StandardCharsets.ISO_8859_1));
                data.writeBytes(compressed ? deflate(text) : text);
                byte[] bytes = data.toByteArray();
                return chunk("iTXt", r.nextInt(5) == 0 ? Arrays.copyOf(bytes, r.nextInt(bytes.length + 1)) : bytes);
            }
        }
    }

    private static int firstIdat(byte[] png) {
        int at = 8;
        while (at + 8 <= png.length && !new String(png, at + 4, 4, StandardCharsets.ISO_8859_1).equals("IDAT")) {
            at += 12 + ByteBuffer.wrap(png, at, 4).getInt();
        }
        return at;
    }

    private static byte[] mutatePng(Random r, byte[] png) {
        switch (r.nextInt(5)) {
            case 0 -> {
                byte[] out = png.clone();
                for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
                    out[8 + r.nextInt(out.length - 8)] = (byte) r.nextInt(256);
                }
                return out;
            }
            case 1 -> {
                return Arrays.copyOf(png, r.nextInt(png.length));
            }
            case 2 -> {
                int at = firstIdat(png);
                byte[] extra = randomTextChunk(r);
                byte[] out = new byte[png.length + extra.length];
                System.arraycopy(png, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(png, at, out, at + extra.length, png.length - at);
                return out;
            }
            case 3 -> {
                byte[] out = png.clone();
                ByteBuffer.wrap(out).putInt(33, pick(r, List.of(0xFFFF_FFF0, 0x7FFF_FFFF, 1 << 24, 0)));
                return out;
            }
            default -> { // IHDR with another size and a correct CRC
                ByteBuffer ihdr = ByteBuffer.wrap(Arrays.copyOfRange(png, 16, 29));
                ihdr.putInt(0, pick(r, List.of(0, 1, 65535, 50_000, Integer.MAX_VALUE, -1)));
                ihdr.putInt(4, pick(r, List.of(0, 1, 65535, 50_000, Integer.MAX_VALUE)));
                byte[] out = png.clone();
                System.arraycopy(chunk("IHDR", ihdr.array()), 0, out, 8, 25);
                return out;
            }
        }
    }

    @Test
    void pngChunks() throws Exception {
        Random r = new Random(SEED);
        Path base = dir.resolve("base.png");
        PngImages.write(RgbImage.filled(16, 16, 0x336699), base, "a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, "
                + "Seed: 1, Size: 64x64");
        byte[] png = Files.readAllBytes(base);
        try (FuzzHarness h = new FuzzHarness(CASE_TIMEOUT_MS)) {
            for (int i = 0; i < 100; i++) {
                Path file = dir.resolve("png" + i + ".png");
                Files.write(file, mutatePng(r, png));
                h.run("png case " + i, () -> {
                    Optional<String> text = PngImages.parameters(file);
                    if (text.isPresent()) {
                        A1111Parameters.parse(text.get()).applyTo(GenerationRequest.builder()).build().validated();
                    }
                    return ImageLoader.load(file);
                });
                Files.delete(file);
            }
            report(h, "PNG chunks");
        }
    }

    private static final int[] TYPES = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_BYTE_BINARY,
        BufferedImage.TYPE_BYTE_INDEXED};

    @Test
    void masks() throws Exception {
        Random r = new Random(SEED + 1);
        try (FuzzHarness h = new FuzzHarness(CASE_TIMEOUT_MS)) {
            for (int i = 0; i < 60; i++) {
                int w = 1 + r.nextInt(r.nextBoolean() ? 8 : 200);
                int ht = 1 + r.nextInt(r.nextBoolean() ? 8 : 200);
                BufferedImage image = new BufferedImage(w, ht, TYPES[r.nextInt(TYPES.length)]);
                int pattern = r.nextInt(3);
                for (int y = 0; y < ht; y++) {
                    for (int x = 0; x < w; x++) {
                        image.setRGB(x, y, pattern == 0 ? 0 : pattern == 1 ? 0xFFFFFFFF : r.nextInt());
                    }
                }
                Path file = dir.resolve("mask" + i + ".png");
                ImageIO.write(image, "png", file.toFile());
                if (r.nextInt(5) == 0) {
                    Files.write(file, mutatePng(r, Files.readAllBytes(file)));
                }
                int blur = r.nextInt(300);
                h.run("mask case " + i, () -> {
                    GrayImage mask = ImageLoader.loadMask(file);
                    GenerationRequest.builder().prompt("x").size(64, 64).initImage(RgbImage.filled(64, 64, 0)).mask(mask)
                            .maskBlur(blur).build().validated();
                    GrayImage soft = Masks.blur(mask, Math.min(blur, 64));
                    Masks.bounds(soft);
                    return Masks.toLatent(soft, 8);
                });
                Files.delete(file);
            }
            report(h, "masks");
        }
    }

    @Test
    void parametersText() {
        Random r = new Random(SEED + 2);
        try (FuzzHarness h = new FuzzHarness(CASE_TIMEOUT_MS)) {
            for (int i = 0; i < 150; i++) {
                String text = FuzzValues.infotext(r);
                h.run("parameters case " + i, () -> {
                    ParsedParameters p = A1111Parameters.parse(text);
                    p.warnings();
                    return p.applyTo(GenerationRequest.builder()).build().validated();
                });
            }
            report(h, "parameters text");
        }
    }
}
