package studio.engine.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.model.ControlNet;
import studio.engine.model.ControlNetLoader;
import studio.engine.model.DiffusionModel;
import studio.engine.model.DefaultModel;
import studio.engine.nn.Precision;

/**
 * Resolves a request's model id to a loaded model, keeping the last one in memory (models are large;
 * switching frees the previous one). Used only from the engine thread.
 */
public final class ModelRepository implements AutoCloseable {
    private final BiFunction<String, Precision, DiffusionModel> loader;
    private BiFunction<String, Precision, ControlNet> controlNetLoader =
            (id, p) -> ControlNetLoader.load(Path.of(id), p);
    /** The ControlNets of the last request, kept for the next one (a studio session reuses them). */
    private final Map<String, ControlNet> controlNets = new LinkedHashMap<>();
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

    /** Loads ControlNets with {@code loader} instead of from the path their id names (tests, the bench). */
    public synchronized ModelRepository withControlNetLoader(BiFunction<String, Precision, ControlNet> loader) {
        this.controlNetLoader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /**
     * The ControlNets with these ids, in order, loaded the first time. When a request names
     * ControlNets, those it does not name are freed; a request without any keeps them (the studio
     * switches a control layer off and on without reloading it); a model switch frees them all.
     */
    public synchronized List<ControlNet> controlNets(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ControlNet> keep = new LinkedHashMap<>();
        List<ControlNet> out = new ArrayList<>();
        try {
            for (String id : ids) {
                ControlNet net = keep.get(id);
                if (net == null) {
                    net = controlNets.remove(id);
                }
                if (net == null) {
                    net = controlNetLoader.apply(id, precision);
                }
                keep.put(id, net);
                out.add(net);
            }
        } finally {
            controlNets.values().forEach(ControlNet::close);
            controlNets.clear();
            controlNets.putAll(keep);
        }
        return out;
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
        DiffusionModel model = GenerationRequest.DEFAULT_MODEL.equals(id) ? DefaultModel.load(precision) : loader.apply(id, precision);
        current = LoadedModel.of(model);
        currentId = id;
        return current;
    }

    @Override
    public synchronized void close() {
        controlNets.values().forEach(ControlNet::close);
        controlNets.clear();
        if (current != null) {
            current.close();
            current = null;
            currentId = null;
        }
    }
}
