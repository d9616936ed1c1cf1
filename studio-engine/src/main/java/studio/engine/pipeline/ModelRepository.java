package studio.engine.pipeline;

import java.util.Objects;
import java.util.function.Function;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.model.DiffusionModel;
import studio.engine.model.DefaultModel;

/**
 * Resolves a request's model id to a loaded model, keeping the last one in memory (models are large;
 * switching frees the previous one). Used only from the engine thread.
 */
public final class ModelRepository implements AutoCloseable {
    private final Function<String, DiffusionModel> loader;
    private String currentId;
    private LoadedModel current;

    /** @param loader loads a model id other than "default"; throws InvalidRequestException when it cannot */
    public ModelRepository(Function<String, DiffusionModel> loader) {
        this.loader = loader;
    }

    /** A repository that knows only the built-in default model. */
    public static ModelRepository defaultOnly() {
        return new ModelRepository(id -> {
            throw new InvalidRequestException("unknown model '" + id + "': only the built-in default model is available");
        });
    }

    public synchronized LoadedModel get(String modelId) {
        String id = modelId == null || modelId.isBlank() ? GenerationRequest.DEFAULT_MODEL : modelId;
        if (current != null && Objects.equals(id, currentId)) {
            return current;
        }
        close();
        DiffusionModel model = GenerationRequest.DEFAULT_MODEL.equals(id) ? DefaultModel.load() : loader.apply(id);
        current = LoadedModel.of(model);
        currentId = id;
        return current;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
            currentId = null;
        }
    }
}
