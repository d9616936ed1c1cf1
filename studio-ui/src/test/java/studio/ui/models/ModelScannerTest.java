package studio.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.ui.testing.Checkpoints;

class ModelScannerTest {
    @TempDir
    Path dir;

    @Test
    void scanListsUsableModelsSortedAndNamesTheRest() throws Exception {
        Checkpoints.small(dir.resolve("Zeta.safetensors"));
        Checkpoints.small(dir.resolve("alpha.safetensors"));
        Files.writeString(dir.resolve("notes.txt"), "ignored: not a model file");
        Files.writeString(dir.resolve("junk.safetensors"), "garbage");
        Files.createDirectories(dir.resolve("half-diffusers/unet"));
        ModelScanner.Scan scan = ModelScanner.scan(dir, List.of());
        assertEquals(List.of("default", "alpha", "Zeta"), scan.models().stream().map(ModelEntry::name).toList());
        assertEquals(2, scan.problems().size(), scan.problems().toString());
        assertTrue(scan.problems().stream().anyMatch(p -> p.contains("half-diffusers") && p.contains("model_index.json")),
                scan.problems().toString());
        assertTrue(scan.problems().stream().anyMatch(p -> p.startsWith("junk.safetensors")), scan.problems().toString());
    }

    @Test
    void missingFolderIsSaidAndAddedModelsStillShow() {
        Path added = Checkpoints.small(dir.resolve("mine.safetensors"));
        ModelScanner.Scan scan = ModelScanner.scan(dir.resolve("nope"), List.of(added.toString()));
        assertEquals(List.of("default", "mine"), scan.models().stream().map(ModelEntry::name).toList());
        assertTrue(scan.problems().get(0).contains("does not exist"), scan.problems().toString());
    }

    @Test
    void inspectDescribesFamilyAndSizeOrRefuses() throws Exception {
        ModelEntry e = ModelScanner.inspect(Checkpoints.small(dir.resolve("tiny.safetensors")));
        assertEquals("tiny", e.name());
        assertTrue(e.details().startsWith("SD 1.x layout, custom size · "), e.details());
        assertEquals(dir.resolve("tiny.safetensors").toAbsolutePath().toString(), e.id());
        Path ckpt = Files.writeString(dir.resolve("old.ckpt"), "x");
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> ModelScanner.inspect(ckpt));
        assertTrue(refused.getMessage().contains("convert it to safetensors"), refused.getMessage());
        assertTrue(ModelScanner.isModelPath(ckpt));
        assertTrue(!ModelScanner.isModelPath(Files.writeString(dir.resolve("cat.png"), "x")));
    }

    @Test
    void sizesReadLikeAFileManager() {
        assertEquals("512 B", ModelScanner.formatSize(512));
        assertEquals("2.13 GB", ModelScanner.formatSize(2_132_000_000L));
        assertEquals("840 MB", ModelScanner.formatSize(840_000_000L));
        assertEquals("size unknown", ModelScanner.formatSize(-1));
    }
}
