package studio.engine.nn;

import ai.djl.ndarray.NDArray;

/** Fully connected layer with keys {@code weight} (out, in) and, optionally, {@code bias} (out). */
public final class Linear extends Module {
    private final Param weight;
    private final Param bias;

    public Linear(int in, int out, boolean withBias) {
        this.weight = param("weight", out, in);
        this.bias = withBias ? param("bias", out) : null;
    }

    public Linear(int in, int out) {
        this(in, out, true);
    }

    /**
     * GEGLU of this projection (SD's feed-forward): the first half of the outputs gated by GELU of the
     * second half, fused through oneDNN in fp32 inference ({@link DnnOps#gegluLinear}).
     */
    public NDArray forwardGeglu(NDArray x) {
        NDArray held = weight.held();
        if (bias != null && Ops.inference(x, held) && DnnOps.linearServes(x, held)) {
            NDArray w = weight.get(); // plain: the products take its two halves
            NDArray b = bias.forInput(x);
            long t = Profile.start();
            NDArray out = DnnOps.gegluLinear(x, w, b);
            Profile.end(Profile.Kind.LINEAR, t);
            if (t != 0) {
                Profile.flops(Profile.Kind.LINEAR, 2.0 * out.getShape().size() * 2 * weight.shape().get(1));
            }
            bias.release(b);
            return out;
        }
        return Ops.geglu(forward(x));
    }

    public NDArray forward(NDArray x) {
        NDArray b = bias == null ? null : bias.forInput(x);
        NDArray out;
        long t;
        NDArray held = weight.held();
        if (Ops.inference(x, held) && DnnOps.linearServes(x, held)) {
            // oneDNN's fp32 product, the weight held in its layout (packed on the first call)
            NDArray w = weight.packed(DnnOps::packLinear);
            t = Profile.start();
            out = DnnOps.linear(x, w, b);
        } else {
            NDArray w = weight.forInput(x); // widened first, so the cast is not counted as linear time
            t = Profile.start();
            out = b == null
                    ? ai.djl.nn.core.Linear.linear(x, w).singletonOrThrow()
                    : ai.djl.nn.core.Linear.linear(x, w, b).singletonOrThrow();
            weight.release(w); // a widened copy is freed now, not with the block
        }
        Profile.end(Profile.Kind.LINEAR, t);
        if (b != null) {
            bias.release(b);
        }
        if (t != 0) {
            Profile.flops(Profile.Kind.LINEAR, 2.0 * out.getShape().size() * weight.shape().get(1));
        }
        return out;
    }
}
