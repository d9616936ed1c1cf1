package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;

/**
 * The tensor ops the SD blocks need that DJL does not offer as one call, composed from DJL ops in
 * this one place (tested against PyTorch in {@code OpsTest} and the golden block fixtures).
 */
public final class Ops {
    private Ops() {
    }

    /**
     * GroupNorm over (N, C, ...) with per-channel affine. The normalisation runs as libtorch's fused
     * layer norm over an (N, G, C/G·H·W) view, which is faster than composing mean and variance.
     */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        if (inference(x, gamma)) {
            return FusedOps.groupNorm(x, groups, gamma, beta, eps);
        }
        Shape shape = x.getShape();
        long n = shape.get(0);
        long c = shape.get(1);
        long rest = shape.size() / (n * c);
        long groupSize = c / groups * rest;
        NDManager m = x.getManager();
        NDArray grouped = x.reshape(n, groups, groupSize);
        NDArray normed = LayerNorm.layerNorm(grouped, new Shape(groupSize),
                m.ones(new Shape(groupSize)), m.zeros(new Shape(groupSize)), eps).singletonOrThrow();
        long[] affineShape = new long[shape.dimension()];
        java.util.Arrays.fill(affineShape, 1);
        affineShape[1] = c;
        return normed.reshape(shape).mul(withLifetimeOf(gamma.reshape(affineShape), x))
                .add(withLifetimeOf(beta.reshape(affineShape), x));
    }

    /** SiLU(GroupNorm(x)): one fused pass in inference. */
    public static NDArray groupNormSilu(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        if (inference(x, gamma)) {
            return FusedOps.groupNormSilu(x, groups, gamma, beta, eps);
        }
        return silu(groupNorm(x, groups, gamma, beta, eps));
    }

    /**
     * x += y, x returned: adds a residual or a steering term where a fresh tensor would only cost an
     * allocation. In inference it goes through {@link FusedOps#addInPlace}, as x may be a fused
     * kernel's output (an inference tensor); with gradients, DJL's in-place add.
     */
    public static NDArray addInPlace(NDArray x, NDArray y) {
        return inference(x, y) ? FusedOps.addInPlace(x, y) : x.addi(y);
    }

    /**
     * True when libtorch records no gradients on this thread ({@link #inferenceOnThisThread}): then
     * libtorch's fused kernels serve ({@link FusedOps}). Their results are inference tensors, which
     * autograd refuses to save, so wherever gradients may be recorded (training) the composed DJL
     * ops, whose gradients the training code and its tests were built on, are used instead.
     */
    static boolean inference(NDArray... arrays) {
        if (ai.djl.pytorch.jni.JniUtils.isGradMode()) {
            return false;
        }
        for (NDArray a : arrays) {
            if (a.hasGradient()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns gradient recording off on the calling thread (libtorch's setting is per thread and DJL
     * turns it off only on the thread that loaded the engine): inference never needs it, and the
     * fused kernels are used only without it.
     */
    public static void inferenceOnThisThread() {
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch, if nothing has yet, before its JNI is called
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /**
     * An op on a weight (a reshape, a slice) puts its result on the weight's manager, which lives as
     * long as the model: called outside an {@code NDScope}, every request would leave such arrays
     * behind. This moves one to the manager of the activation it serves, so it is freed with it.
     */
    public static NDArray withLifetimeOf(NDArray fromWeight, NDArray activation) {
        fromWeight.attach(activation.getManager());
        return fromWeight;
    }

    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        long t = Profile.start();
        NDArray out = LayerNorm.layerNorm(x, gamma.getShape(), gamma, beta, eps).singletonOrThrow();
        Profile.end(Profile.Kind.NORM, t);
        return out;
    }

    /** SiLU / swish: x·σ(x). */
    public static NDArray silu(NDArray x) {
        if (inference(x)) {
            return FusedOps.silu(x);
        }
        return x.mul(Activation.sigmoid(x));
    }

    /** Exact (erf) GELU, as PyTorch's default. */
    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** GEGLU: the last dimension's first half gated by GELU of its second half. */
    public static NDArray geglu(NDArray x) {
        if (inference(x)) {
            return FusedOps.geglu(x);
        }
        ai.djl.ndarray.NDList halves = x.split(2, x.getShape().dimension() - 1);
        return halves.get(0).mul(gelu(halves.get(1)));
    }

    /** CLIP's quick GELU: x·σ(1.702x). */
    public static NDArray quickGelu(NDArray x) {
        return x.mul(Activation.sigmoid(x.mul(1.702f)));
    }

    /**
     * Nearest-neighbour 2× upsampling of (N, C, H, W), as {@code F.interpolate(scale_factor=2)}: libtorch's
     * kernel in inference ({@link FusedOps#upsampleNearest2x}), composed where gradients are recorded.
     */
    public static NDArray upsampleNearest2x(NDArray x) {
        if (inference(x)) {
            return FusedOps.upsampleNearest2x(x);
        }
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, h * 2, w * 2);
    }

    /**
     * Scaled dot-product attention over heads.
     *
     * @param q    (B, Tq, H·D)
     * @param k    (B, Tk, H·D)
     * @param v    (B, Tk, H·D)
     * @param mask additive (Tq, Tk) mask or null
     * @return (B, Tq, H·D)
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, int heads, NDArray mask) {
        Shape qs = q.getShape();
        long b = qs.get(0);
        long tq = qs.get(1);
        long dim = qs.get(2);
        long tk = k.getShape().get(1);
        long d = dim / heads;
        if (inference(q, k, v)) {
            // libtorch's flash attention: blocks of queries against blocks of keys with an online
            // softmax, so the (B, H, Tq, Tk) scores (1 GiB for SD at 512 px) never exist whole.
            NDArray qh = q.reshape(b, tq, heads, d).transpose(0, 2, 1, 3);
            NDArray kh = k.reshape(b, tk, heads, d).transpose(0, 2, 1, 3);
            NDArray vh = v.reshape(b, tk, heads, d).transpose(0, 2, 1, 3);
            NDArray out = mask == null ? FusedOps.attention(qh, kh, vh) : FusedOps.attention(qh, kh, vh, mask);
            return out.transpose(0, 2, 1, 3).reshape(b, tq, dim);
        }
        // The (B, H, Tq, Tk) scores are the largest tensors of a U-Net step (2·8·4096² floats, 1 GiB,
        // for SD at 512 px): free them when the attention is done, not when the step is.
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // scaling q rather than the scores spares one (Tq, Tk) pass
            NDArray qh = q.mul((float) (1.0 / Math.sqrt(d))).reshape(b, tq, heads, d).transpose(0, 2, 1, 3);
            NDArray kh = k.reshape(b, tk, heads, d).transpose(0, 2, 3, 1);
            NDArray vh = v.reshape(b, tk, heads, d).transpose(0, 2, 1, 3);
            NDArray scores = qh.matMul(kh);
            if (mask != null) {
                scores = scores.add(mask);
            }
            out = scores.softmax(3).matMul(vh).transpose(0, 2, 1, 3).reshape(b, tq, dim);
            NDScope.unregister(out);
        }
        NDScope.register(out); // back into the caller's scope, if it has one
        return out;
    }

    /** Additive causal mask (T, T): 0 on and below the diagonal, -inf above. */
    public static NDArray causalMask(NDManager manager, int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(m, new Shape(t, t));
    }
}
