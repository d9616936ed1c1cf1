package studio.engine.nn;

import ai.djl.ndarray.NDArray;

/** LayerNorm over the last axis with {@code weight} and {@code bias}. */
public final class LayerNormModule extends Module {
    private final Param weight;
    private final Param bias;
    private final float eps;

    public LayerNormModule(int dim, float eps) {
        this.weight = param("weight", dim);
        this.bias = param("bias", dim);
        this.eps = eps;
    }

    public LayerNormModule(int dim) {
        this(dim, 1e-5f);
    }

    public NDArray forward(NDArray x) {
        return Ops.layerNorm(x, weight.forInput(x), bias.forInput(x), eps);
    }
}
