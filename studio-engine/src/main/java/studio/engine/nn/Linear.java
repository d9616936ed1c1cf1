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

    public NDArray forward(NDArray x) {
        long t = Profile.start();
        NDArray out = bias == null
                ? ai.djl.nn.core.Linear.linear(x, weight.forInput(x)).singletonOrThrow()
                : ai.djl.nn.core.Linear.linear(x, weight.forInput(x), bias.forInput(x)).singletonOrThrow();
        Profile.end(Profile.Kind.LINEAR, t);
        if (t != 0) {
            Profile.flops(Profile.Kind.LINEAR, 2.0 * out.getShape().size() * weight.shape().get(1));
        }
        return out;
    }
}
