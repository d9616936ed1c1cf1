package studio.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.engine.nn.Param;

/**
 * AdamW (Loshchilov and Hutter) over named parameters, with global-norm gradient clipping.
 *
 * <p>Written here rather than using DJL's {@code Adam}: DJL's optimisers update parameters through its
 * {@code ParameterStore} of {@code Block}s, which our checkpoint-named {@link studio.engine.nn.Module}s do
 * not use; the update itself is a few in-place tensor ops. Moments live on their own manager so a
 * per-step {@code NDScope} never frees them, and they are saved with checkpoints so {@code --resume}
 * continues the same trajectory.
 */
public final class AdamW implements AutoCloseable {
    private final Map<String, Param> params;
    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private long step;
    private long skipped;

    public AdamW(Map<String, Param> params, float beta1, float beta2, float eps, float weightDecay) {
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        params.forEach((k, p) -> {
            first.put(k, manager.zeros(p.shape()));
            second.put(k, manager.zeros(p.shape()));
        });
    }

    /** Marks every parameter as requiring a gradient (call once before training). */
    public static void requireGradients(Map<String, Param> params) {
        params.values().forEach(p -> p.get().setRequiresGradient(true));
    }

    public long step() {
        return step;
    }

    /** Updates dropped because the gradient was not finite. */
    public long skipped() {
        return skipped;
    }

    /**
     * One update from the gradients left by the last backward pass; clears them afterwards. Call with
     * gradient recording off (after the collector is closed), inside the step's NDScope.
     *
     * @return the global gradient norm before clipping
     */
    public float update(float lr, float clipNorm) {
        // libtorch records gradients per thread and starts with recording on; DJL turns it off only on
        // the thread that loaded the engine, and a GradientCollector restores what it found. On any other
        // thread recording would stay on, and the in-place updates below would be refused for leaves.
        JniUtils.setGradMode(false);
        List<NDArray> grads = new ArrayList<>(params.size());
        double sq = 0;
        for (Param p : params.values()) {
            NDArray g = p.get().getGradient();
            grads.add(g);
            sq += g.square().sum().getFloat();
        }
        float norm = (float) Math.sqrt(sq);
        if (!Float.isFinite(norm)) {
            // A non-finite gradient would poison every weight through the moments (libtorch 2.7.1 CPU
            // convolution backward returns NaN for finite inputs on a few percent of calls); drop the step,
            // as mixed-precision loss scalers do, and let the caller count it.
            grads.forEach(g -> g.set(new ai.djl.ndarray.index.NDIndex(":"), 0f));
            skipped++;
            return norm;
        }
        float clip = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1f;
        step++;
        float bc1 = (float) (1 - Math.pow(beta1, step));
        float bc2 = (float) (1 - Math.pow(beta2, step));
        int i = 0;
        for (Map.Entry<String, Param> e : params.entrySet()) {
            NDArray w = e.getValue().get();
            NDArray g = grads.get(i++);
            NDArray gc = clip == 1f ? g : g.mul(clip);
            NDArray m = first.get(e.getKey());
            NDArray v = second.get(e.getKey());
            m.muli(beta1).addi(gc.mul(1 - beta1));
            v.muli(beta2).addi(gc.square().mul(1 - beta2));
            NDArray direction = m.div(bc1).div(v.div(bc2).sqrt().add(eps));
            if (weightDecay > 0 && w.getShape().dimension() > 1) {
                direction = direction.add(w.mul(weightDecay));
            }
            w.subi(direction.mul(lr));
            g.subi(g); // zero the gradient in place: libtorch accumulates into .grad otherwise
        }
        return norm;
    }

    /** Optimiser state for a checkpoint: moments under {@code adam.m.<key>} / {@code adam.v.<key>}. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        first.forEach((k, a) -> out.put("adam.m." + k, a));
        second.forEach((k, a) -> out.put("adam.v." + k, a));
        return out;
    }

    /** Restores moments and the step count saved by {@link #state()}. */
    public void restore(Map<String, float[]> state, long savedStep) {
        first.forEach((k, a) -> copyInto(a, state.get("adam.m." + k), k));
        second.forEach((k, a) -> copyInto(a, state.get("adam.v." + k), k));
        step = savedStep;
    }

    private void copyInto(NDArray target, float[] values, String key) {
        if (values == null || values.length != target.size()) {
            throw new IllegalStateException("checkpoint has no optimiser state of the right size for " + key);
        }
        target.set(values);
    }

    @Override
    public void close() {
        manager.close();
    }
}
