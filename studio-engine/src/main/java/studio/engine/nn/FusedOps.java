package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * libtorch kernels that DJL's JNI does not expose, reached through a tiny TorchScript module
 * ({@link TorchScriptModules}); oneDNN's products and convolutions are in {@link DnnOps}.
 *
 * <p>Why: DJL 0.35 offers no {@code scaled_dot_product_attention}, {@code group_norm}, {@code silu}
 * or dtype casts to bfloat16 (its {@code toType(BFLOAT16)} aborts the JVM), and composing them from
 * DJL ops costs a full memory pass (and a fresh allocation) per op. At 512×512 that made attention
 * materialise 1 GiB score tensors and GroupNorm+SiLU 4× slower than the fused kernel. libtorch
 * compiles TorchScript source when it loads a module, so the methods in {@code fused_ops.torchscript}
 * (one line each) call libtorch's own fused kernels — flash attention on the CPU, which never holds
 * the N×N scores — with no native code of ours. Each call costs a few microseconds of interpreter
 * time, nothing next to a 512×512 op.
 */
public final class FusedOps {
    private static final String SOURCE = "/studio/engine/nn/fused_ops.torchscript";
    /** torch's ScalarType codes, as TorchScript passes dtypes. */
    static final long FLOAT32 = 6;
    static final long FLOAT16 = 5;
    static final long BFLOAT16 = 15;

    private FusedOps() {
    }

    /** Loaded once per process, on first use. */
    private static final class Holder {
        static final PtSymbolBlock MODULE = load();

        private static PtSymbolBlock load() {
            try {
                return TorchScriptModules.load(SOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the engine's fused-ops module", e);
            }
        }
    }

    /**
     * softmax(q·kᵀ/√d)·v over (B, H, T, D) without holding the (T, T) scores. Always computed in fp32,
     * the result in q's type: libtorch's bf16 flash attention was slower than its fp32 one here (88
     * against 104 GFLOP/s within an SD 1.5 step at 512×512, AVX512-BF16), and the casts of q, k, v are a
     * small fraction of the attention's time.
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v) {
        long t = Profile.start();
        NDArray out = call(q.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32 ? "attention" : "attention_in_fp32",
                q, q, k, v);
        Profile.end(Profile.Kind.ATTENTION, t);
        attentionFlops(q, k, t);
        return out;
    }

    /** As {@link #attention} with an additive (Tq, Tk) mask. */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
        long t = Profile.start();
        NDArray out = call("attention_masked", q, q, k, v, mask);
        Profile.end(Profile.Kind.ATTENTION, t);
        attentionFlops(q, k, t);
        return out;
    }

    /** q·kᵀ and scores·v over (B, H, T, D): 2 · 2·B·H·Tq·Tk·D. */
    private static void attentionFlops(NDArray q, NDArray k, long t) {
        if (t != 0) {
            Profile.flops(Profile.Kind.ATTENTION, 4.0 * q.getShape().size() * k.getShape().get(2));
        }
    }

    /**
     * GroupNorm in one kernel. Packed convolutions return channels-last tensors, and libtorch's GroupNorm
     * on those below 32×32 with few channels per group (not a multiple of 8, under 32) takes a slow path:
     * at 64 channels, 16×16, 0.55 ms against 0.03 ms on the same values laid out NCHW, and a quarter of
     * the built-in model's U-Net step. The TorchScript method ({@code group_norm_input}) makes such inputs
     * contiguous first (0.04–0.3 ms including the copy); elsewhere the channels-last kernel is as fast
     * as the NCHW one and a copy would cost more than it saves (measured on one thread, 2–60 channels per
     * group, 4×4 to 64×64).
     */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        long t = Profile.start();
        NDArray out = callWithInts("group_norm", x, groups, gamma, beta, eps);
        Profile.end(Profile.Kind.NORM, t);
        return out;
    }

    /**
     * SiLU(GroupNorm(x)) in two kernels and one allocation, the ResBlock's and VAE's pre-activation;
     * inputs as {@link #groupNorm}.
     */
    public static NDArray groupNormSilu(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        long t = Profile.start();
        NDArray out = callWithInts("group_norm_silu", x, groups, gamma, beta, eps);
        Profile.end(Profile.Kind.NORM, t);
        return out;
    }

    /**
     * Nearest-neighbour 2× upsampling in libtorch's own kernel, which keeps a channels-last input
     * (a packed convolution's output) channels-last for the convolution that follows. Why: the
     * composed broadcast-and-reshape copies into NCHW, and the next convolution then copies back
     * into its own layout; at SD's VAE sizes the upsampling and the 3×3 convolution after it took
     * 1,734 → 1,496 ms (512 channels, 128×128 → 256×256) and 7,721 → 6,785 ms (512 channels,
     * 256×256 → 512×512), the same values to the bit.
     */
    static NDArray upsampleNearest2x(NDArray x) {
        return call("upsample_nearest_2x", x, x);
    }

    public static NDArray silu(NDArray x) {
        long t = Profile.start();
        NDArray out = call("silu", x, x);
        Profile.end(Profile.Kind.ACTIVATION, t);
        return out;
    }

    /** GEGLU: a·GELU(g) where (a, g) are the halves of the last dimension. */
    public static NDArray geglu(NDArray x) {
        long t = Profile.start();
        NDArray out = call("geglu", x, x);
        Profile.end(Profile.Kind.ACTIVATION, t);
        return out;
    }

    /**
     * x += y, x returned. Inside libtorch's inference mode, where TorchScript methods run, because the
     * outputs of the methods here are inference tensors, which libtorch changes in place only there.
     */
    static NDArray addInPlace(NDArray x, NDArray y) {
        call("add_", x, x, y).close(); // the result is x itself; only the extra handle is closed
        return x;
    }

    /** A copy of x in another floating type (torch ScalarType code), bfloat16 included. */
    static NDArray cast(NDArray x, long scalarType) {
        long t = Profile.start();
        try (IValue in = IValue.from((PtNDArray) x); IValue type = IValue.from(scalarType);
             IValue out = IValueUtils.runMethod(Holder.MODULE, "cast", in, type)) {
            return out.toTensor((PtNDManager) x.getManager());
        } finally {
            Profile.end(Profile.Kind.CAST, t);
        }
    }

    private static NDArray callWithInts(String method, NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        try (IValue in = IValue.from((PtNDArray) x); IValue g = IValue.from((long) groups);
             IValue w = IValue.from((PtNDArray) gamma); IValue b = IValue.from((PtNDArray) beta);
             IValue e = IValue.from((double) eps);
             IValue out = IValueUtils.runMethod(Holder.MODULE, method, in, g, w, b, e)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    /** Runs a method of this module on tensors; the result goes to {@code owner}'s manager. */
    private static NDArray call(String method, NDArray owner, NDArray... tensors) {
        return TorchScriptModules.call(Holder.MODULE, method, owner, tensors);
    }
}
