package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --taesd} previews, {@code --decode vae|taesd}, the lcm sampler and the studio's vae_approx folder. */
class TaesdCommandTest {
    @TempDir
    Path dir;

    @Test
    void onTheBuiltInModelPreviewsFallBackAndTaesdDecodingIsRefused() throws Exception {
        // the built-in model's VAE is not SD's 8x latent space: TAESD would paint noise there
        Path taesd = TestTaesd.write(dir.resolve("taesd_decoder.safetensors"));
        Path previews = dir.resolve("previews");
        CliResult r = run("generate", "--prompt", "x", "--sampler", "lcm", "--steps", "2", "--cfg", "1",
                "--preview-every", "1", "--preview-dir", previews.toString(), "--taesd", taesd.toString(),
                "--out", dir.resolve("vae.png").toString());
        assertEquals(0, r.code(), r.err());
        List<String> names;
        try (Stream<Path> files = Files.list(previews)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("preview-0-001-vae.png", "preview-0-002.png"), names);

        CliResult draft = run("generate", "--prompt", "x", "--steps", "2", "--taesd", taesd.toString(),
                "--decode", "taesd", "--out", dir.resolve("taesd.png").toString());
        assertEquals(2, draft.code());
        assertTrue(draft.err().contains("decode it with the VAE"), draft.err());
    }

    @Test
    void decodeOptionIsCheckedBeforeAnythingLoads() {
        CliResult noFile = run("generate", "--prompt", "x", "--decode", "taesd", "--out", dir.resolve("a.png").toString());
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().contains("--taesd"), noFile.err());
        CliResult bad = run("generate", "--prompt", "x", "--decode", "jpeg", "--out", dir.resolve("b.png").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("vae or taesd"), bad.err());
        CliResult missing = run("generate", "--prompt", "x", "--taesd", dir.resolve("none.safetensors").toString(),
                "--out", dir.resolve("c.png").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void theStudioFindsATaesdInTheModelsFolder() throws Exception {
        Path models = dir.resolve("models");
        assertEquals(Optional.empty(), TaesdFolder.find(models));
        Path file = TestTaesd.write(models.resolve(TaesdFolder.NAME).resolve("taesd_decoder.safetensors"));
        assertEquals(Optional.of(file), TaesdFolder.find(models));
        assertFalse(TaesdFolder.find(null).isPresent());
    }

}
