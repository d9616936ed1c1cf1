package studio.engine.nn;

import ai.djl.ndarray.NDArray;

/** GroupNorm with per-channel affine ({@code weight}, {@code bias}). */
public final class GroupNorm extends Module {
    private final Param weight;
    private final Param bias;
    private final int groups;
    private final float eps;

    public GroupNorm(int groups, int channels, float eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels cannot be split into " + groups + " groups");
        }
        this.weight = param("weight", channels);
        this.bias = param("bias", channels);
        this.groups = groups;
        this.eps = eps;
    }

    public NDArray forward(NDArray x) {
        SharedNormStats shared = SharedNormStats.current();
        if (shared != null) {
            return affine(shared.normalise(this, x, groups, eps));
        }
        return Ops.groupNorm(x, groups, weight.forInput(x), bias.forInput(x), eps);
    }

    /** SiLU of the normalised x, fused in inference: the pre-activation of every ResBlock. */
    public NDArray forwardSilu(NDArray x) {
        SharedNormStats shared = SharedNormStats.current();
        if (shared != null) {
            NDArray h = affine(shared.normalise(this, x, groups, eps));
            NDArray out = Ops.silu(h);
            h.close();
            return out;
        }
        return Ops.groupNormSilu(x, groups, weight.forInput(x), bias.forInput(x), eps);
    }

    private NDArray affine(NDArray normed) {
        long[] shape = new long[normed.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = weight.shape().get(0);
        // in place on the freshly normalised array, which nothing else holds
        return normed.muli(Ops.withLifetimeOf(weight.forInput(normed).reshape(shape), normed))
                .addi(Ops.withLifetimeOf(bias.forInput(normed).reshape(shape), normed));
    }
}
