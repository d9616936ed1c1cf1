package studio.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.engine.nn.Param;

/**
 * Exponential moving average of weights, the copy that is shipped (LDM samples from EMA weights).
 * The decay warms up as {@code min(decay, (1+n)/(10+n))} so early, poor weights fade quickly.
 */
public final class Ema implements AutoCloseable {
    private final Map<String, Param> params;
    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, NDArray> shadow = new LinkedHashMap<>();
    private final float decay;
    private long updates;

    public Ema(Map<String, Param> params, float decay) {
        this.params = params;
        this.decay = decay;
        params.forEach((k, p) -> {
            NDArray copy = p.get().duplicate();
            copy.attach(manager);
            shadow.put(k, copy);
        });
    }

    public void update() {
        float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
        updates++;
        params.forEach((k, p) -> {
            NDArray s = shadow.get(k);
            s.muli(d).addi(p.get().mul(1 - d));
        });
    }

    public Map<String, NDArray> weights() {
        return shadow;
    }

    public long updates() {
        return updates;
    }

    /** Restores shadow weights saved from {@link #weights()}. */
    public void restore(Map<String, float[]> values, long savedUpdates) {
        shadow.forEach((k, a) -> {
            float[] v = values.get(k);
            if (v == null || v.length != a.size()) {
                throw new IllegalStateException("checkpoint has no EMA weight of the right size for " + k);
            }
            a.set(v);
        });
        updates = savedUpdates;
    }

    @Override
    public void close() {
        manager.close();
    }
}
