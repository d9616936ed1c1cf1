package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.io.PngImages;

/**
 * LoRAs and embeddings through the command line, against the PyTorch reference's image
 * (golden/lora/sd1_lora_and_embedding.png: kohya_linear at 0.8 and two textual-inversion words).
 */
class LoraCommandTest {
    private static final Path GOLDEN = Path.of("..", "studio-engine", "src", "test", "resources", "golden");
    private static final Path LORAS = GOLDEN.resolve("lora");

    @TempDir
    Path dir;

    private static List<String> args(Path out, String prompt, String... more) {
        List<String> a = new ArrayList<>(List.of("generate", "--model", GOLDEN.resolve("blocks/tiny-sd1.safetensors").toString(),
                "--tokenizer", LORAS.resolve("tokenizer").toString(), "--embedding-dir", LORAS.resolve("embeddings").toString(),
                "--lora-dir", LORAS.toString(), "--prompt", prompt, "--negative", "ugly, negemb", "--sampler", "euler",
                "--steps", "10", "--cfg", "7.5", "--seed", "1234", "--width", "16", "--height", "16", "--out", out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    private static double psnr(Path png) throws Exception {
        BufferedImage a = ImageIO.read(png.toFile());
        BufferedImage b = ImageIO.read(LORAS.resolve("sd1_lora_and_embedding.png").toFile());
        double se = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = ((a.getRGB(x, y) >> shift) & 0xFF) - ((b.getRGB(x, y) >> shift) & 0xFF);
                    se += d * d;
                    n++;
                }
            }
        }
        return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255 * n / se);
    }

    @Test
    void thePromptTagAndTheLoraOptionGiveTheReferenceImageAndThePngNamesTheLora() throws Exception {
        Path tagged = dir.resolve("tag.png");
        CliResult r = run(args(tagged, "a lsemb cat <lora:kohya_linear:0.8>").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(psnr(tagged) >= 40, "tag route: PSNR " + psnr(tagged));
        String params = PngImages.parameters(tagged).orElseThrow();
        assertTrue(params.startsWith("a lsemb cat <lora:kohya_linear:0.8>\nNegative prompt: ugly, negemb\n"), params);
        String hash = studio.engine.io.LoraHashes.shortHash(LORAS.resolve("kohya_linear.safetensors"));
        assertTrue(params.contains("Lora hashes: \"kohya_linear: " + hash + "\""), params);

        Path option = dir.resolve("option.png");
        CliResult o = run(args(option, "a lsemb cat", "--lora", LORAS.resolve("kohya_linear.safetensors") + ":0.8")
                .toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        assertTrue(psnr(option) >= 40, "--lora route: PSNR " + psnr(option));
        assertTrue(PngImages.parameters(option).orElseThrow().startsWith("a lsemb cat <lora:kohya_linear:0.8>\n"),
                "the tag is written so that the PNG restores the LoRA");

        // Restoring the PNG re-enables the LoRA it names
        Path restored = dir.resolve("restored.png");
        CliResult p = run("generate", "--from-png", tagged.toString(), "--model", GOLDEN.resolve("blocks/tiny-sd1.safetensors").toString(),
                "--tokenizer", LORAS.resolve("tokenizer").toString(), "--embedding-dir", LORAS.resolve("embeddings").toString(),
                "--lora-dir", LORAS.toString(), "--out", restored.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(psnr(restored) >= 40, "restored: PSNR " + psnr(restored));
    }

    @Test
    void anUnknownNameExitsTwoNamingItAndTheFolder() throws Exception {
        CliResult r = run(args(dir.resolve("x.png"), "a cat <lora:nosuch:1>").toArray(String[]::new));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'nosuch'") && r.err().contains(LORAS.toString()), r.err());

        Path pickled = Files.writeString(dir.resolve("old.ckpt"), "x");
        CliResult pt = run(args(dir.resolve("y.png"), "a cat", "--lora", pickled.toString()).toArray(String[]::new));
        assertEquals(2, pt.code());
        assertTrue(pt.err().contains("pickled"), pt.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path png = PngImages.writeNew(studio.engine.image.RgbImage.filled(16, 16, 0), dir.resolve("made.png"),
                "a cat <lora:kohya_linear:1>\nSteps: 1, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 16x16, "
                        + "Lora hashes: \"kohya_linear: 0123456789ab\"");
        CliResult restore = run("generate", "--from-png", png.toString(), "--lora-dir", empty.toString(),
                "--out", dir.resolve("z.png").toString());
        assertEquals(2, restore.code());
        assertTrue(restore.err().contains("'kohya_linear'") && restore.err().contains(empty.toString()), restore.err());

        // The file is there but is not the one the PNG was made with: a notice, and the image is made
        CliResult other = run("generate", "--from-png", png.toString(), "--model", GOLDEN.resolve("blocks/tiny-sd1.safetensors").toString(),
                "--tokenizer", LORAS.resolve("tokenizer").toString(), "--lora-dir", LORAS.toString(),
                "--out", dir.resolve("other.png").toString());
        assertEquals(0, other.code(), other.err());
        assertTrue(other.err().contains("studio: notice: LoRA 'kohya_linear': ") && other.err().contains("has hash b73c990ffece, "
                + "but made.png was made with 0123456789ab; the image may differ"), other.err());
    }
}
