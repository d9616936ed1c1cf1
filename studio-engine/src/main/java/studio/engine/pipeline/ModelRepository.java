package studio.engine.pipeline;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.model.DiffusionModel;
import studio.engine.model.DefaultModel;
import studio.engine.nn.Precision;

/**
 * Resolves a request's model id to a loaded model, keeping the last one in memory (models are large;
 * switching frees the previous one). Used only from the engine thread.
 */
public final class ModelRepository implements AutoCloseable {
    private final BiFunction<String, Precision, DiffusionModel> loader;
    private String currentId;
    private LoadedModel current;
    private Precision precision = Precision.FP32;

    /** @param loader loads a model id other than "default"; throws InvalidRequestException when it cannot */
    public ModelRepository(Function<String, DiffusionModel> loader) {
        this((id, p) -> loader.apply(id));
    }

    /** @param loader loads a model id other than "default" with its U-Net in the given precision */
    public ModelRepository(BiFunction<String, Precision, DiffusionModel> loader) {
        this.loader = loader;
    }

    /**
     * The precision later loads use; a model loaded in another one is dropped and reloaded on next use
     * (bf16 weights cannot be widened back to the file's values without reading the file again).
     */
    public synchronized void usePrecision(Precision p) {
        if (p != precision) {
            close();
            precision = p;
        }
    }

    public synchronized Precision precision() {
        return precision;
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
        DiffusionModel model = GenerationRequest.DEFAULT_MODEL.equals(id) ? DefaultModel.load() : loader.apply(id, precision);
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
