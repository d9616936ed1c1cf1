package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.testing.Golden;

/** A diffusers config.json with lists or objects where numbers belong is refused naming file and key. */
class DiffusersConfigValidationTest {
    @TempDir
    Path dir;

    private Path copyOfTinyModel() throws IOException {
        Path from = Golden.blocks("tiny-sd1-diffusers");
        Path to = dir.resolve("tiny");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private String refusal(String config, String key, String json) throws IOException {
        Path model = copyOfTinyModel();
        Path file = model.resolve(config);
        String text = Files.readString(file).replaceFirst("\"" + key + "\": [^,\\n]+", "\"" + key + "\": " + json);
        Files.writeString(file, text);
        try {
            return assertThrows(InvalidRequestException.class, () -> {
                try (TensorSource source = CheckpointLoader.open(model)) {
                    CheckpointLoader.detect(source, null);
                }
            }).getMessage();
        } finally {
            deleteTree(model);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void theUnchangedCopyLoads() throws IOException {
        try (TensorSource source = CheckpointLoader.open(copyOfTinyModel())) {
            assertEquals("SD 1.x layout, custom size", CheckpointLoader.detect(source, null).family());
        }
    }

    @Test
    void listsAndObjectsWhereNumbersBelongAreRefused() throws IOException {
        Path unet = dir.resolve("tiny/unet/config.json");
        assertEquals(unet + ": key 'attention_head_dim' must be a whole number of at least 1, found an object {}",
                refusal("unet/config.json", "attention_head_dim", "{}"));
        assertEquals(unet + ": key 'attention_head_dim[0]' must be a whole number of at least 1, found the string \"8\"",
                refusal("unet/config.json", "attention_head_dim", "[\"8\"]"));
        assertEquals(unet + ": key 'attention_head_dim' gives 3 heads for the first level, which do not divide its 32 "
                + "channels (block_out_channels[0])", refusal("unet/config.json", "attention_head_dim", "[3, 3]"));
        assertEquals(dir.resolve("tiny/vae/config.json") + ": key 'scaling_factor' must be a number above 0, found a list [0.18]",
                refusal("vae/config.json", "scaling_factor", "[0.18]"));
        assertEquals(dir.resolve("tiny/text_encoder/config.json") + ": key 'num_attention_heads' must be a whole number "
                + "of at least 1, found 0", refusal("text_encoder/config.json", "num_attention_heads", "0"));
        assertEquals(dir.resolve("tiny/scheduler/scheduler_config.json") + ": key 'prediction_type' must be a string, "
                + "found a list [\"v\"]", refusal("scheduler/scheduler_config.json", "prediction_type", "[\"v\"]"));
    }
}
