package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as scripts use it: files written, exit codes, one-line errors. */
class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void generateWritesAPngAndExitsZero() throws Exception {
        Path png = dir.resolve("out/apple.png");
        CliResult r = run("generate", "--prompt", "a red apple", "--steps", "3", "--seed", "5", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(64, image.getWidth());
        assertEquals(64, image.getHeight());
        assertTrue(r.out().contains(png.toString()), "prints where the image went: " + r.out());
    }

    @Test
    void wordsTheBuiltInModelDoesNotKnowAreNamedBeforeTheWait() {
        CliResult r = run("generate", "--prompt", "a photograph of a red apple", "--negative", "blurry pixels",
                "--steps", "1", "--out", dir.resolve("p.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("studio: notice: the model does not know these words of the prompt, and reads each "
                + "as an unknown token: photograph\n"), r.err());
        assertTrue(r.err().contains("words of the negative prompt, and reads each as an unknown token: blurry, pixels"),
                r.err());

        CliResult known = run("generate", "--prompt", "red apple, noto style", "--steps", "1",
                "--out", dir.resolve("k.png").toString());
        assertEquals(0, known.code(), known.err());
        assertFalse(known.err().contains("notice"), known.err());
    }

    @Test
    void aVariationSeedIsWrittenIntoThePngAndItsOptionsComeTogether() throws Exception {
        Path png = dir.resolve("v.png");
        CliResult r = run("generate", "--prompt", "red apple, noto style", "--steps", "2", "--seed", "3",
                "--variation-seed", "9", "--variation-strength", "0.25", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        String infotext = studio.engine.io.PngImages.parameters(png).orElseThrow();
        assertTrue(infotext.contains("Seed: 3, ") && infotext.contains("Variation seed: 9, Variation seed strength: 0.25"),
                infotext);

        CliResult half = run("generate", "--prompt", "x", "--variation-seed", "9", "--out", dir.resolve("h.png").toString());
        assertEquals(2, half.code());
        assertTrue(half.err().contains("give --variation-seed and --variation-strength together"), half.err());
        CliResult range = run("generate", "--prompt", "x", "--variation-seed", "9", "--variation-strength", "2",
                "--out", dir.resolve("r.png").toString());
        assertEquals(2, range.code());
        assertTrue(range.err().contains("variation strength must be between 0 and 1, got 2.0"), range.err());
    }

    @Test
    void batchItemsGetNumberedFilesFromConsecutiveSeeds() throws Exception {
        Path png = dir.resolve("b.png");
        CliResult r = run("generate", "--prompt", "x", "--steps", "2", "--batch", "2", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage first = ImageIO.read(dir.resolve("b-0.png").toFile());
        BufferedImage second = ImageIO.read(dir.resolve("b-1.png").toFile());
        assertFalse(Files.exists(png));
        assertNotEquals(first.getRGB(10, 10) + first.getRGB(40, 40), second.getRGB(10, 10) + second.getRGB(40, 40));
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        CliResult width = run("generate", "--prompt", "x", "--width", "100", "--out", dir.resolve("w.png").toString());
        assertEquals(2, width.code());
        assertEquals("studio: width must be a multiple of 8, got 100; try 96 or 104", width.err().strip());

        CliResult steps = run("generate", "--prompt", "x", "--steps", "0", "--out", dir.resolve("s.png").toString());
        assertEquals(2, steps.code());
        assertTrue(steps.err().startsWith("studio: steps must be between 1 and"), steps.err());

        CliResult missing = run("generate", "--out", dir.resolve("m.png").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--prompt"), missing.err());

        CliResult unknown = run("generate", "--prompt", "x", "--colour", "red", "--out", dir.resolve("u.png").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--colour"), unknown.err());

        CliResult notPng = run("generate", "--prompt", "x", "--out", dir.resolve("u.jpg").toString());
        assertEquals(2, notPng.code());
        assertTrue(notPng.err().contains(".png"), notPng.err());
    }

    @Test
    void aFrameOffTheUNetsPowerOfTwoGridIsGeneratedAtThatSize() throws Exception {
        Path out = dir.resolve("s.png");
        CliResult r = run("generate", "--prompt", "x", "--width", "72", "--height", "24", "--steps", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.toFile());
        assertEquals(72, png.getWidth());
        assertEquals(24, png.getHeight());
    }

    @Test
    void previewIntervalTakesStepsNeverOrAuto() throws Exception {
        Path previews = dir.resolve("previews");
        CliResult every = run("generate", "--prompt", "x", "--steps", "4", "--preview-every", "2", "--preview-dir",
                previews.toString(), "--out", dir.resolve("p.png").toString());
        assertEquals(0, every.code(), every.err());
        try (var files = Files.list(previews)) {
            assertEquals(java.util.List.of("preview-0-001.png", "preview-0-002-vae.png", "preview-0-003.png",
                    "preview-0-004.png"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "a VAE preview every 2 steps, none at the last step: the result follows at once");
        }
        assertEquals(0, run("generate", "--prompt", "x", "--steps", "1", "--preview-every", "auto",
                "--out", dir.resolve("a.png").toString()).code());
        CliResult bad = run("generate", "--prompt", "x", "--preview-every", "often", "--out", dir.resolve("b.png").toString());
        assertEquals(2, bad.code());
        assertEquals("studio: --preview-every must be a number of steps, 0 (never) or auto, got 'often'", bad.err().strip());
    }

    @Test
    void unreadableModelExitsTwo() {
        CliResult r = run("generate", "--prompt", "x", "--model", dir.resolve("nope.safetensors").toString(),
                "--out", dir.resolve("n.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("studio: ") && r.err().contains("nope.safetensors"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void failureToWriteExitsOne() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file.txt"), "in the way");
        CliResult r = run("generate", "--prompt", "x", "--steps", "1", "--out", blocker.resolve("x.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot create the output folder"), r.err());
    }
}
