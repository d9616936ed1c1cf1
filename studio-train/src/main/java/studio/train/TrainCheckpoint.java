package studio.train;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsFile;
import studio.engine.io.SafetensorsWriter;
import studio.engine.io.TensorInfo;
import studio.engine.nn.Param;

/**
 * A resumable training checkpoint: weights, EMA weights, AdamW moments and the step, in one F32
 * safetensors file ({@code weights under their keys, ema.<key>, adam.m.<key>, adam.v.<key>}) plus
 * metadata. Written atomically, so a kill mid-save leaves the previous checkpoint intact.
 */
public final class TrainCheckpoint {
    private TrainCheckpoint() {
    }

    public static void save(Path file, Map<String, Param> params, Ema ema, AdamW adam, Map<String, String> meta)
            throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        params.forEach((k, p) -> add(w, k, p.get()));
        ema.weights().forEach((k, a) -> add(w, "ema." + k, a));
        adam.state().forEach((k, a) -> add(w, k, a));
        Map<String, String> m = new LinkedHashMap<>(meta);
        m.put("train.step", Long.toString(adam.step()));
        m.put("train.ema_updates", Long.toString(ema.updates()));
        w.metadata(m);
        w.write(file);
    }

    private static void add(SafetensorsWriter w, String key, NDArray a) {
        float[] values = a.toFloatArray();
        w.add(key, DType.F32, a.getShape().getShape(), values);
    }

    /** Loads weights, EMA and optimiser state saved by {@link #save}; returns the metadata. */
    public static Map<String, String> load(Path file, Map<String, Param> params, Ema ema, AdamW adam) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no checkpoint at " + file);
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, float[]> emaValues = new HashMap<>();
            Map<String, float[]> adamValues = new HashMap<>();
            for (TensorInfo t : f.tensors()) {
                String name = t.name();
                if (name.startsWith("ema.")) {
                    emaValues.put(name.substring(4), f.readFloats(name));
                } else if (name.startsWith("adam.")) {
                    adamValues.put(name, f.readFloats(name));
                }
            }
            params.forEach((k, p) -> {
                if (!f.contains(k)) {
                    throw new IllegalStateException("checkpoint " + file + " lacks weight " + k
                            + "; it was made for another configuration");
                }
                p.get().set(f.readFloats(k));
            });
            Map<String, String> meta = f.metadata();
            ema.restore(emaValues, Long.parseLong(meta.getOrDefault("train.ema_updates", "0")));
            adam.restore(adamValues, Long.parseLong(meta.getOrDefault("train.step", "0")));
            return meta;
        }
    }

    /** Reads just the named weights (for example the EMA copy of a finished stage). */
    public static void loadWeights(Path file, Map<String, Param> params, String prefix, ai.djl.ndarray.NDManager manager) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            params.forEach((k, p) -> {
                String key = prefix + k;
                if (!f.contains(key)) {
                    throw new IllegalStateException("checkpoint " + file + " lacks weight " + key);
                }
                float[] v = f.readFloats(key);
                p.set(manager.create(v, p.shape()));
            });
        }
    }

    /** The metadata of a checkpoint. */
    public static Map<String, String> metadata(Path file) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return new LinkedHashMap<>(f.metadata());
        }
    }
}
