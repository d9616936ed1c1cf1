package studio.engine.model;

import java.nio.file.Path;
import studio.engine.api.GenerationRequest;
import studio.engine.text.PromptTokenizer;

/**
 * The prompt tokenizer of a model id, as a request names it ("default" or a checkpoint's path), read
 * without its weights: a header and a vocabulary, milliseconds against the seconds a model load takes.
 * The studio reads it on its file thread to count a prompt's tokens while the user types.
 */
public final class ModelTokenizers {
    private ModelTokenizers() {
    }

    /**
     * @param modelsFolder the studio's models folder (searched for a {@code tokenizer/} folder as the
     *                     engine's loader does), or null
     */
    public static PromptTokenizer of(String modelId, Path modelsFolder) {
        return of(modelId, new CheckpointLoader.Options(null, modelsFolder, null, null));
    }

    /** With the loader's options (the command line's {@code --tokenizer}), for a checkpoint. */
    public static PromptTokenizer of(String modelId, CheckpointLoader.Options options) {
        if (modelId == null || modelId.isBlank() || GenerationRequest.DEFAULT_MODEL.equals(modelId)) {
            return DefaultModel.tokenizer();
        }
        return CheckpointLoader.tokenizerOf(Path.of(modelId), options);
    }
}
