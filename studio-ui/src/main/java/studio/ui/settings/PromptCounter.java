package studio.ui.settings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.model.EmbeddingFolder;
import studio.engine.text.PromptReading;
import studio.engine.text.PromptTags;
import studio.engine.text.PromptTokenizer;
import studio.engine.text.TextualInversions;
import studio.ui.fx.TaskExecutor;
import studio.ui.models.ModelEntry;

/**
 * The counter under each prompt box, as AUTOMATIC1111's "12/75": how many tokens the prompt takes of
 * the model's text windows, and, for a model with a word vocabulary (the built-in one), the words it
 * does not know, which reach it as one unknown token each and so draw nothing.
 *
 * <p>The picked model's tokenizer is read on the file thread when the model or the models folder
 * changes (a checkpoint's header and a vocabulary, no weights), and so are the sizes of the folder's
 * embeddings (a prompt naming one counts its vectors, as A1111's counter does); counting then runs on
 * the FX thread as the user types, which takes microseconds for a prompt.
 */
public final class PromptCounter {
    /** Unknown words named in the line; the rest are counted. */
    static final int NAMED_UNKNOWN = 6;

    private final GenerationSettings settings;
    private final TaskExecutor executor;
    private final BiFunction<String, Path, PromptTokenizer> loader;
    private final ObjectProperty<PromptTokenizer> tokenizer = new SimpleObjectProperty<>(this, "tokenizer");
    /** The models folder's embeddings by the positions each takes, so a prompt naming one counts its vectors. */
    private final ObjectProperty<TextualInversions> embeddings =
            new SimpleObjectProperty<>(this, "embeddings", TextualInversions.NONE);
    /** Tokenizers already read, by model id and models folder: switching back counts at once. */
    private final Map<String, PromptTokenizer> read = new HashMap<>();
    private String wanted;
    /** The latest embedding count asked for: an older one that finishes later is dropped. */
    private Object countsWanted;

    /**
     * @param loader reads a model id's tokenizer (in the studio {@code ModelTokenizers::of}); it runs
     *               through {@code executor}, and a failure leaves the counter empty (Generate then
     *               says what is wrong with the model)
     */
    public PromptCounter(GenerationSettings settings, TaskExecutor executor,
                         BiFunction<String, Path, PromptTokenizer> loader) {
        this.settings = settings;
        this.executor = executor;
        this.loader = loader;
        settings.modelProperty().addListener((o, a, b) -> follow());
        settings.modelsFolderProperty().addListener((o, a, b) -> follow());
        settings.adapters().embeddings().addListener((javafx.collections.ListChangeListener<String>) c -> countEmbeddings());
        follow();
        countEmbeddings();
    }

    /** Reads how many vectors each embedding of the folder has (small files) whenever the folder's list changes. */
    private void countEmbeddings() {
        Object ask = new Object();
        countsWanted = ask;
        Path folder = settings.adapters().embeddingFolder();
        if (folder == null || settings.adapters().embeddings().isEmpty()) {
            embeddings.set(TextualInversions.NONE);
            return;
        }
        executor.run(() -> TextualInversions.ofCounts(new EmbeddingFolder(folder).vectorCounts(), folder.toString()),
                counted -> {
                    if (ask == countsWanted) {
                        embeddings.set(counted);
                    }
                }, error -> {
                    if (ask == countsWanted) {
                        embeddings.set(TextualInversions.NONE);
                    }
                });
    }

    private void follow() {
        ModelEntry model = settings.modelProperty().get();
        String id = model == null ? GenerationRequest.DEFAULT_MODEL : model.id();
        Path folder = settings.modelsFolderProperty().get();
        String key = id + "\n" + folder;
        wanted = key;
        PromptTokenizer known = read.get(key);
        tokenizer.set(known);
        if (known == null) {
            executor.run(() -> loader.apply(id, folder), loaded -> {
                read.put(key, loaded);
                if (key.equals(wanted)) {
                    tokenizer.set(loaded);
                }
            }, error -> { });
        }
    }

    /** The words the picked model knows, for completion: empty for CLIP models and until its tokenizer is read. */
    public java.util.List<String> knownWords() {
        PromptTokenizer t = tokenizer.get();
        return t == null ? java.util.List.of() : t.knownWords();
    }

    /**
     * How the prompt fills the picked model's windows; null until the model's tokenizer is known.
     *
     * @param positive true for the prompt, whose {@code <lora:…>} tags the encoder never reads (they are
     *                 removed before encoding, as A1111 does), false for the negative prompt, read whole
     */
    public ObjectBinding<PromptReading> reading(ObservableStringValue prompt, boolean positive) {
        return Bindings.createObjectBinding(() -> {
            PromptTokenizer t = tokenizer.get();
            if (t == null) {
                return null;
            }
            String whole = prompt.get() == null ? "" : prompt.get();
            String text = positive ? PromptTags.strip(whole) : whole;
            try {
                return t.read(text, embeddings.get());
            } catch (InvalidRequestException e) {
                // embedding:NAME for a file that is not there: counted as text here, Generate says what is missing
            }
            try {
                return t.read(text);
            } catch (InvalidRequestException e) {
                // a prompt the parser refuses (a weight over its limit, typed on the way to another): no count, and
                // no exception for JavaFX to log at each keystroke; Generate says what is wrong
                return null;
            }
        }, prompt, tokenizer, embeddings);
    }

    /** "12/75 tokens", "80/150 tokens", "5/14 words · not known to this model: photograph, riding". */
    public static String describe(PromptReading r) {
        if (r == null) {
            return "";
        }
        String count = r.tokens() + "/" + r.capacity() + " " + r.unit();
        return r.unknownWords().isEmpty() ? count : count + " · not known to this model: " + r.unknownWordsText(NAMED_UNKNOWN);
    }
}
