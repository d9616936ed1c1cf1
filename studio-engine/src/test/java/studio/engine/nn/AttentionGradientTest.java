package studio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * Training backpropagates through {@link Ops#attention}, which frees its intermediates inside its own
 * scope as soon as it returns. The gradients must still be those of plain attention, also after many
 * steps of memory churn (freed buffers being reused), as a long training run has.
 */
class AttentionGradientTest {
    private static final int B = 2;
    private static final int T = 16;
    private static final int HEADS = 4;
    private static final int DIM = 32;

    private static float[][] grads(NDManager m, NDArray q0, NDArray k0, NDArray v0, NDArray w, boolean plain) {
        NDArray q = q0.duplicate();
        NDArray k = k0.duplicate();
        NDArray v = v0.duplicate();
        for (NDArray a : new NDArray[] {q, k, v}) {
            a.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = plain ? plainAttention(q, k, v) : Ops.attention(q, k, v, HEADS, null);
            gc.backward(out.mul(w).sum());
        }
        return new float[][] {q.getGradient().toFloatArray(), k.getGradient().toFloatArray(),
                v.getGradient().toFloatArray()};
    }

    private static NDArray plainAttention(NDArray q, NDArray k, NDArray v) {
        int d = DIM / HEADS;
        NDArray qh = q.reshape(B, T, HEADS, d).transpose(0, 2, 1, 3);
        NDArray kh = k.reshape(B, T, HEADS, d).transpose(0, 2, 3, 1);
        NDArray vh = v.reshape(B, T, HEADS, d).transpose(0, 2, 1, 3);
        return qh.matMul(kh).div((float) Math.sqrt(d)).softmax(3).matMul(vh).transpose(0, 2, 1, 3).reshape(B, T, DIM);
    }

    @Test
    void gradientsThroughTheScopedAttentionEqualPlainAttentionsAcrossManySteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9);
            double worst = 0;
            for (int step = 0; step < 50; step++) {
                try (NDScope scope = new NDScope()) {
                    NDArray q = m.randomNormal(new Shape(B, T, DIM)).mul(3);
                    NDArray k = m.randomNormal(new Shape(B, T, DIM)).mul(3);
                    NDArray v = m.randomNormal(new Shape(B, T, DIM));
                    NDArray w = m.randomNormal(new Shape(B, T, DIM));
                    float[][] scoped = grads(m, q, k, v, w, false);
                    m.randomNormal(new Shape(64, T, T)).mul(1e30f); // churn: freed buffers get reused
                    float[][] plain = grads(m, q, k, v, w, true);
                    for (int i = 0; i < 3; i++) {
                        double scale = 0;
                        for (float g : plain[i]) {
                            scale = Math.max(scale, Math.abs(g));
                        }
                        for (int j = 0; j < plain[i].length; j++) {
                            assertTrue(Float.isFinite(scoped[i][j]), "step " + step + ": non-finite gradient");
                            worst = Math.max(worst, Math.abs(scoped[i][j] - plain[i][j]) / scale);
                        }
                    }
                }
            }
            assertTrue(worst < 1e-4, "largest gradient difference, relative to the largest gradient: " + worst);
        }
    }
}
