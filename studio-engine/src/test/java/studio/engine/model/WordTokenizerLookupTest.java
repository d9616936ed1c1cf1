package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.sampling.Prediction;
import studio.engine.text.PromptTokenizer;
import studio.engine.text.WordVocabulary;

/** The {@code studio.config} "tokenizer" key names a file beside the model, and nothing else. */
class WordTokenizerLookupTest {
    @TempDir
    Path tmp;

    private final ModelSpec spec = new ModelSpec("test", null, null, ModelSpec.TextEncoderKind.CLIP,
            new TextEncoderConfig(16, 8, 1, 1, 8, 8), Prediction.EPSILON, 1f);

    private Path model() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("models"));
        WordVocabulary.fromTexts(List.of("red apple")).save(dir.resolve("vocabulary.json"));
        return dir.resolve("m.safetensors");
    }

    private static Map<String, String> naming(String file) {
        return Map.of("studio.config", "{\"tokenizer\": \"" + file + "\"}");
    }

    @Test
    void vocabularyBesideTheModelIsRead() throws IOException {
        PromptTokenizer tokenizer = CheckpointLoader.wordTokenizer(model(), naming("vocabulary.json"), spec).orElseThrow();
        assertEquals(8, tokenizer.contextLength());
    }

    @Test
    void noTokenizerKeyMeansNoWordTokenizer() throws IOException {
        assertTrue(CheckpointLoader.wordTokenizer(model(), Map.of("studio.config", "{}"), spec).isEmpty());
    }

    @Test
    void pathsOutOfTheModelsFolderAreRefused() throws IOException {
        Path model = model();
        Files.writeString(tmp.resolve("secret.json"), "{}");
        for (String file : List.of("../../etc/passwd", "../secret.json", "/etc/passwd", "sub/../../secret.json")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> CheckpointLoader.wordTokenizer(model, naming(file), spec), file);
            assertTrue(e.getMessage().contains("'" + file + "'") && e.getMessage().contains("beside the model"),
                    e.getMessage());
        }
    }
}
