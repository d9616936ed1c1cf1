package studio.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.Precision;
import studio.engine.text.PromptTokenizer;
import studio.engine.text.WordPromptTokenizer;
import studio.engine.text.WordVocabulary;

/**
 * The studio's built-in model: the small emoji latent diffusion model this project trains itself
 * ({@code assets/models/emoji-ldm}, see its MODEL_CARD.md), bundled in the engine jar so it works
 * offline with no files beside the application. The checkpoint is an ordinary SD-layout safetensors
 * file; it is copied out of the jar to a temporary file only while the loader reads it.
 */
public final class DefaultModel {
    public static final String NAME = "emoji-ldm";
    static final String RESOURCE_DIR = "/studio/engine/models/" + NAME + "/";
    static final String WEIGHTS = NAME + ".safetensors";

    private DefaultModel() {
    }

    /** True when the bundled weights are on the classpath. */
    public static boolean isBundled() {
        return DefaultModel.class.getResource(RESOURCE_DIR + WEIGHTS) != null;
    }

    public static DiffusionModel load() {
        return load(Precision.FP32);
    }

    /** The built-in model with its weights held, and computing, as {@code precision} says (the request's choice). */
    public static DiffusionModel load(Precision precision) {
        return fromExtracted((weights, vocab) -> loadFrom(weights, vocab, precision));
    }

    /** The built-in model's word tokenizer, without loading its weights (the prompt box's counter). */
    public static PromptTokenizer tokenizer() {
        return fromExtracted((weights, vocab) -> CheckpointLoader.tokenizerOf(weights, CheckpointLoader.Options.defaults()));
    }

    /** What reads the checkpoint and its vocabulary once they are copied out of the jar. */
    private interface ExtractedReader<T> {
        T read(Path weights, Path vocabulary) throws IOException;
    }

    /** Copies the bundled files to a temporary folder for {@code reader}, then deletes them. */
    private static <T> T fromExtracted(ExtractedReader<T> reader) {
        try {
            Path dir = Files.createTempDirectory("latent-studio-default-");
            try {
                Path weights = extract(WEIGHTS, dir);
                Path vocab = extract("vocabulary.json", dir);
                return reader.read(weights, vocab);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the built-in model: " + e.getMessage(), e);
        }
    }

    /** Loads an emoji-LDM checkpoint with its word vocabulary (also used for training exports). */
    public static DiffusionModel loadFrom(Path weights, Path vocabulary) throws IOException {
        return loadFrom(weights, vocabulary, Precision.FP32);
    }

    private static DiffusionModel loadFrom(Path weights, Path vocabulary, Precision precision)
            throws IOException {
        WordVocabulary vocab = WordVocabulary.load(vocabulary);
        int context;
        try (TensorSource source = CheckpointLoader.open(weights)) {
            context = CheckpointLoader.detect(source, null).text().contextLength();
        }
        DiffusionModel m = CheckpointLoader.load(weights,
                CheckpointLoader.Options.defaults().withTokenizer(new WordPromptTokenizer(vocab, context)).withPrecision(precision));
        return new DiffusionModel("default (" + NAME + ")", "emoji LDM", m.tokenizer(), m.textEncoder(), m.unet(),
                m.vae(), m.prediction(), m.latentScale(), m.weights());
    }

    private static Path extract(String name, Path dir) throws IOException {
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new InvalidRequestException("the built-in model is missing from this build (" + RESOURCE_DIR + name
                        + "); rebuild the studio, or pass --model with a checkpoint file");
            }
            Path out = dir.resolve(name);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        }
    }
}
