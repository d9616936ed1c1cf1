package studio.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.model.ModelTokenizers;
import studio.engine.text.PromptReading;
import studio.ui.fx.TaskExecutor;
import studio.ui.models.ModelEntry;
import studio.ui.testing.Checkpoints;
import studio.ui.testing.CurrentThreadTaskExecutor;

/** The counter under the prompt boxes, with the engine's real tokenizers: the built-in model's words and CLIP's tokens. */
class PromptCounterTest {
    @TempDir
    Path dir;

    private final GenerationSettings settings = new GenerationSettings(Path.of("models"));
    private final StringProperty prompt = new SimpleStringProperty("red apple, noto style");

    @Test
    void theBuiltInModelCountsWordsAndNamesThoseItDoesNotKnow() {
        PromptCounter counter = new PromptCounter(settings, CurrentThreadTaskExecutor.INSTANCE, ModelTokenizers::of);
        ObjectBinding<PromptReading> reading = counter.reading(prompt, true);
        assertEquals("4/14 words", PromptCounter.describe(reading.get()));

        prompt.set("red apple, noto style <lora:pixel-art:0.8>");
        assertEquals("4/14 words", PromptCounter.describe(reading.get()), "the encoder never reads a LoRA tag");
        StringProperty negative = new SimpleStringProperty("<lora:pixel-art:0.8>");
        assertTrue(counter.reading(negative, false).get().tokens() > 0, "the negative prompt is read whole");

        prompt.set("a (photograph:1.2) of an astronaut riding a horse");
        String line = PromptCounter.describe(reading.get());
        assertTrue(line.startsWith("8/14 words · not known to this model: "), line);
        assertTrue(line.contains("photograph") && line.contains("riding"), line);
        assertTrue(!line.contains("astronaut") && !line.contains("horse"), "both are emoji names: " + line);
    }

    @Test
    void aCheckpointCountsClipTokensInWindowsOfSeventyFive() {
        Path file = Checkpoints.small(dir.resolve("small.safetensors"), 49408);
        PromptCounter counter = new PromptCounter(settings, CurrentThreadTaskExecutor.INSTANCE, ModelTokenizers::of);
        ObjectBinding<PromptReading> reading = counter.reading(prompt, true);
        settings.modelProperty().set(new ModelEntry(file.toString(), "small", "SD 1.x"));
        prompt.set("a photograph of an astronaut riding a horse");
        assertEquals("8/75 tokens", PromptCounter.describe(reading.get()));
        prompt.set("apple ".repeat(80));
        assertEquals("80/150 tokens", PromptCounter.describe(reading.get()));
    }

    @Test
    void anEmbeddingOfTheModelsFolderCountsAsItsVectors() throws Exception {
        Path golden = Path.of("..", "studio-engine", "src", "test", "resources", "golden", "lora", "embeddings");
        Path models = dir.resolve("models");
        java.nio.file.Files.createDirectories(models.resolve("embeddings"));
        // A long name, so its text would take more tokens than the embedding's vectors do
        java.nio.file.Files.copy(golden.resolve("negemb.safetensors"),
                models.resolve("embeddings").resolve("bad-hands-and-watermarks.safetensors"));
        int vectors = studio.engine.model.EmbeddingFile.read(golden.resolve("negemb.safetensors")).vectors()
                .values().iterator().next().length;
        GenerationSettings withEmbedding = new GenerationSettings(models);
        Path file = Checkpoints.small(dir.resolve("small.safetensors"), 49408);
        withEmbedding.modelProperty().set(new ModelEntry(file.toString(), "small", "SD 1.x"));
        PromptCounter counter = new PromptCounter(withEmbedding, CurrentThreadTaskExecutor.INSTANCE, ModelTokenizers::of);
        ObjectBinding<PromptReading> reading = counter.reading(prompt, true);
        studio.engine.text.ClipTokenizer clip = studio.engine.text.ClipTokenizer.bundled(
                studio.engine.text.ClipTokenizer.PadMode.END_OF_TEXT);

        assertTrue(clip.encode("bad-hands-and-watermarks").length > vectors);
        prompt.set("blurry, bad-hands-and-watermarks");
        assertEquals(clip.encode("blurry, ").length + vectors, reading.get().tokens());
        prompt.set("blurry, embedding:missing");
        assertEquals(clip.encode("blurry, embedding:missing").length, reading.get().tokens(),
                "a missing embedding is counted as text; Generate says it is missing");
    }

    @Test
    void aModelWhoseTokenizerCannotBeReadLeavesTheLineEmpty() {
        // Its text encoder knows 4,096 tokens, fewer than CLIP's vocabulary: loading it fails the same way.
        Path file = Checkpoints.small(dir.resolve("odd.safetensors"));
        PromptCounter counter = new PromptCounter(settings, CurrentThreadTaskExecutor.INSTANCE, ModelTokenizers::of);
        ObjectBinding<PromptReading> reading = counter.reading(prompt, true);
        settings.modelProperty().set(new ModelEntry(file.toString(), "odd", "SD 1.x"));
        assertNull(reading.get());
        assertEquals("", PromptCounter.describe(reading.get()));
    }

    @Test
    void aTokenizerReadLateForAModelNoLongerPickedIsNotShown() {
        Path file = Checkpoints.small(dir.resolve("small.safetensors"), 49408);
        QueuedExecutor executor = new QueuedExecutor();
        PromptCounter counter = new PromptCounter(settings, executor, ModelTokenizers::of);
        ObjectBinding<PromptReading> reading = counter.reading(prompt, true);
        settings.modelProperty().set(new ModelEntry(file.toString(), "small", "SD 1.x"));
        assertNull(reading.get(), "nothing is counted while the tokenizer is read");
        executor.runNext(); // the built-in model's, asked for first, arrives after the switch
        assertNull(reading.get());
        executor.runNext();
        prompt.set("a photograph of an astronaut riding a horse");
        assertEquals("8/75 tokens", PromptCounter.describe(reading.get()));
        prompt.set("red apple, noto style");

        settings.modelProperty().set(ModelEntry.DEFAULT);
        assertEquals("4/14 words", PromptCounter.describe(reading.get()), "a tokenizer read once is kept");
        assertTrue(executor.isEmpty());
    }

    @Test
    void longListsOfUnknownWordsAreCut() {
        PromptReading r = new PromptReading(9, 1, 14, "words", List.of("a", "b", "c", "d", "e", "f", "g", "h"),
                java.util.Map.of("c", "cat"));
        assertEquals("9/14 words · not known to this model: a, b, c (cat?), d, e, f and 2 more", PromptCounter.describe(r));
    }

    /** Runs file work when the test says, to see what happens when a result arrives late. */
    private static final class QueuedExecutor implements TaskExecutor {
        private final Queue<Runnable> queue = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            queue.add(() -> CurrentThreadTaskExecutor.INSTANCE.run(work, onSuccess, onFailure));
        }

        void runNext() {
            queue.remove().run();
        }

        boolean isEmpty() {
            return queue.isEmpty();
        }
    }
}
