package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.io.DType;
import studio.engine.io.PngImages;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.ControlNet;
import studio.engine.model.DefaultModel;
import studio.engine.model.DiffusionModel;

/** ControlNet from the command line: groups of --control options, PNG parameters, refusals with exit 2. */
class ControlNetCommandTest {
    private static final Path TINY = Path.of("..", "studio-engine", "src", "test", "resources", "golden", "controlnet",
            "tiny-controlnet-a.safetensors");

    @TempDir
    Path dir;

    /** A random-weight ControlNet for the built-in model, in the original single-file layout. */
    static Path controlNetForDefaultModel(Path file) throws IOException {
        try (DiffusionModel model = DefaultModel.load();
             ControlNet net = ControlNet.random("test", model.unet().config(), 5)) {
            SafetensorsWriter w = new SafetensorsWriter();
            net.net().parameters().forEach((key, p) -> w.add(CheckpointKeys.CONTROL + key, DType.F32,
                    p.shape().getShape(), p.get().toFloatArray()));
            w.write(file);
        }
        return file;
    }

    static Path sketch(Path file) throws IOException {
        BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 96, 96);
        g.setColor(Color.BLACK);
        g.drawOval(20, 20, 50, 50);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void aScribbleSteersTheBuiltInModelAndIsRecorded() throws Exception {
        Path cn = controlNetForDefaultModel(dir.resolve("my-scribble-cn.safetensors"));
        Path hint = sketch(dir.resolve("sketch.png"));
        Path plain = dir.resolve("plain.png");
        Path steered = dir.resolve("steered.png");
        assertEquals(0, run("generate", "--prompt", "a red apple", "--steps", "3", "--out", plain.toString()).code());
        CliResult r = run("generate", "--prompt", "a red apple", "--steps", "3", "--control", cn.toString(),
                "--control-image", hint.toString(), "--control-preprocess", "scribble", "--control-weight", "0.8",
                "--control-mode", "prompt", "--control-end", "0.5", "--out", steered.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(java.util.Arrays.equals(pixels(plain), pixels(steered)), "the ControlNet changed nothing");
        String params = PngImages.parameters(steered).orElseThrow();
        assertTrue(params.contains("ControlNet 0: \"Module: scribble, Model: my-scribble-cn, Weight: 0.8, "
                + "Resize Mode: Crop and Resize, Threshold A: 100, Threshold B: 200, Guidance Start: 0, Guidance End: 0.5, "
                + "Control Mode: My prompt is more important\""), params);
        // --from-png restores the unit's settings; the image and the file come from the command line
        Path again = dir.resolve("again.png");
        CliResult restored = run("generate", "--from-png", steered.toString(), "--control", cn.toString(),
                "--control-image", hint.toString(), "--out", again.toString());
        assertEquals(0, restored.code(), restored.err());
        assertTrue(java.util.Arrays.equals(pixels(steered), pixels(again)), "restored settings give the same picture");
    }

    @Test
    void twoGroupsAreTwoControlNets() throws Exception {
        Path cn = controlNetForDefaultModel(dir.resolve("cn.safetensors"));
        Path hint = sketch(dir.resolve("sketch.png"));
        Path out = dir.resolve("two.png");
        CliResult r = run("generate", "--prompt", "x", "--steps", "2",
                "--control", cn.toString(), "--control-image", hint.toString(), "--control-preprocess", "canny",
                "--control", cn.toString(), "--control-image", hint.toString(), "--control-weight", "0.5",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String params = PngImages.parameters(out).orElseThrow();
        assertTrue(params.contains("ControlNet 0: \"Module: canny, Model: cn, Weight: 1,"), params);
        assertTrue(params.contains("ControlNet 1: \"Module: none, Model: cn, Weight: 0.5,"), params);
    }

    @Test
    void aBadHintImageIsRefusedWithExitTwo() throws Exception {
        Path notPng = Files.writeString(dir.resolve("hint.png"), "not an image");
        CliResult r = run("generate", "--prompt", "x", "--control", TINY.toString(), "--control-image", notPng.toString(),
                "--out", dir.resolve("o.png").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("hint.png"), r.err());
        CliResult missing = run("generate", "--prompt", "x", "--control", TINY.toString(), "--control-image",
                dir.resolve("nope.png").toString(), "--out", dir.resolve("o.png").toString());
        assertEquals(2, missing.code(), missing.err());
        CliResult noImage = run("generate", "--prompt", "x", "--control", TINY.toString(), "--out",
                dir.resolve("o.png").toString());
        assertEquals(2, noImage.code(), noImage.err());
        assertTrue(noImage.err().contains("--control-image"), noImage.err());
    }

    @Test
    void aControlNetForAnotherModelIsRefusedWithExitTwo() throws Exception {
        CliResult r = run("generate", "--prompt", "x", "--steps", "2", "--control", TINY.toString(), "--control-image",
                sketch(dir.resolve("s.png")).toString(), "--out", dir.resolve("o.png").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("ControlNet tiny-controlnet-a was made for"), r.err());
        assertTrue(r.err().contains("Use a ControlNet made for"), r.err());
    }

    @Test
    void infoNamesAControlNet() {
        CliResult r = run("info", "--model", TINY.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("family:      ControlNet for"), r.out());
        assertTrue(r.out().contains("hint:        3 channels at 8x the latent"), r.out());
        CliResult asModel = run("generate", "--prompt", "x", "--model", TINY.toString(), "--out",
                dir.resolve("o.png").toString());
        assertEquals(2, asModel.code(), asModel.err());
        assertTrue(asModel.err().contains("is a ControlNet, not a model"), asModel.err());
    }

    private static int[] pixels(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
