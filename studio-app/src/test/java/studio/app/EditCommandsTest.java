package studio.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.io.PngImages;

/** img2img, inpaint, outpaint, info and --from-png from the command line. */
class EditCommandsTest {
    @TempDir
    Path dir;

    private Path gradient(String name, int w, int h) throws Exception {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 90);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(b, "png", p.toFile());
        return p;
    }

    private Path squareMask(int w, int h, int x0, int y0, int size) throws Exception {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                b.setRGB(x, y, 0xFFFFFF);
            }
        }
        Path p = dir.resolve("mask.png");
        ImageIO.write(b, "png", p.toFile());
        return p;
    }

    @Test
    void inpaintKeepsPixelsOutsideTheMaskAndRecordsItsParameters() throws Exception {
        Path init = gradient("init.png", 64, 64);
        Path out = dir.resolve("inpaint.png");
        CliResult r = run("generate", "--prompt", "a cat", "--init", init.toString(), "--mask", squareMask(64, 64, 16, 16, 16).toString(),
                "--mask-blur", "0", "--strength", "1", "--steps", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage original = ImageIO.read(init.toFile());
        BufferedImage result = ImageIO.read(out.toFile());
        int changed = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean masked = x >= 16 && x < 32 && y >= 16 && y < 32;
                if (!masked) {
                    assertEquals(original.getRGB(x, y), result.getRGB(x, y), "kept pixel " + x + "," + y);
                } else if (original.getRGB(x, y) != result.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 100, "masked pixels repainted: " + changed);
        String params = PngImages.parameters(out).orElseThrow();
        assertTrue(params.startsWith("a cat\nSteps: 4, Sampler: DDIM, CFG scale: 7, Seed: 1, Size: 64x64, Model: default"), params);
        assertTrue(params.contains("Denoising strength: 1") && params.contains("Mask blur: 0"), params);
    }

    @Test
    void outpaintExtendsTheCanvasAndKeepsTheOldImageOutsideTheBand() throws Exception {
        Path image = gradient("small.png", 32, 32);
        Path out = dir.resolve("wide.png");
        CliResult r = run("outpaint", "--prompt", "meadow", "--image", image.toString(), "--right", "32", "--overlap", "8",
                "--steps", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage original = ImageIO.read(image.toFile());
        BufferedImage result = ImageIO.read(out.toFile());
        assertEquals(64, result.getWidth());
        assertEquals(32, result.getHeight());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32 - 8; x++) {
                assertEquals(original.getRGB(x, y), result.getRGB(x, y), "old pixel " + x + "," + y);
            }
        }
        CliResult odd = run("outpaint", "--prompt", "x", "--image", image.toString(), "--left", "5", "--out", dir.resolve("o.png").toString());
        assertEquals(2, odd.code());
        assertTrue(odd.err().contains("multiples of 8"), odd.err());
    }

    @Test
    void fromPngReproducesTheImageItDescribes() throws Exception {
        Path first = dir.resolve("first.png");
        assertEquals(0, run("generate", "--prompt", "blue apple", "--negative", "dark", "--seed", "77", "--steps", "5",
                "--cfg", "5.5", "--sampler", "euler_a", "--out", first.toString()).code());
        Path again = dir.resolve("again.png");
        CliResult r = run("generate", "--from-png", first.toString(), "--out", again.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage a = ImageIO.read(first.toFile());
        BufferedImage b = ImageIO.read(again.toFile());
        assertArrayEquals(a.getRGB(0, 0, 64, 64, null, 0, 64), b.getRGB(0, 0, 64, 64, null, 0, 64));
        assertEquals(PngImages.parameters(first), PngImages.parameters(again));
    }

    @Test
    void badEditInputsExitTwoWithAClearLine() throws Exception {
        Path text = Files.writeString(dir.resolve("not-an-image.png"), "hello");
        CliResult corrupt = run("generate", "--prompt", "x", "--init", text.toString(), "--out", dir.resolve("c.png").toString());
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().startsWith("studio: ") && corrupt.err().contains("not-an-image.png"), corrupt.err());
        CliResult maskOnly = run("generate", "--prompt", "x", "--mask", text.toString(), "--out", dir.resolve("m.png").toString());
        assertEquals(2, maskOnly.code());
        assertTrue(maskOnly.err().contains("--init"), maskOnly.err());
        Path black = squareMask(64, 64, 0, 0, 0);
        CliResult empty = run("generate", "--prompt", "x", "--init", gradient("i.png", 64, 64).toString(), "--mask", black.toString(),
                "--out", dir.resolve("e.png").toString());
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("nothing to inpaint"), empty.err());
        CliResult noParams = run("generate", "--from-png", black.toString(), "--out", dir.resolve("n.png").toString());
        assertEquals(2, noParams.code());
        assertTrue(noParams.err().contains("no 'parameters'"), noParams.err());
    }

    @Test
    void infoDescribesACheckpointFromItsHeader() throws Exception {
        Path ckpt = Path.of("..", "studio-engine", "src", "test", "resources", "golden", "blocks", "tiny-sd2.safetensors");
        CliResult r = run("info", "--model", ckpt.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("family:      SD 2.x layout, custom size"), r.out());
        assertTrue(r.out().contains("prediction:  v"), r.out());
        assertTrue(r.out().contains("OPEN_CLIP"), r.out());
        assertTrue(r.out().matches("(?s).*parameters:  unet +[0-9,]+.*"), r.out());
        CliResult missing = run("info", "--model", dir.resolve("none.safetensors").toString());
        assertEquals(2, missing.code());
    }
}
