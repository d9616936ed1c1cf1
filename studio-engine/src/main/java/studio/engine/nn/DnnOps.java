package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.io.IOException;

/**
 * oneDNN's own fp32 matrix product ({@code mkldnn._linear_pointwise}, the op PyTorch's compiler emits
 * for CPU linear layers) and its convolution (fp32 and bf16), with weights packed once into oneDNN's
 * layout ({@link #packLinear}, {@link #packConv}), and the fused GEGLU projection; the layers
 * ({@link Conv2d}, {@link Linear}) call them in inference.
 *
 * <p>Why a module of its own ({@code dnn_ops.torchscript}, apart from {@link FusedOps}): these kernels
 * exist only in libtorch builds with oneDNN, and where they do not compile the layers fall back to
 * libtorch's {@code linear} and {@code conv2d} without losing the other fused ops. At SD 1.5's sizes
 * the product ran at 139–177 GFLOP/s where {@code linear} (MKL's sgemm) ran at 100–152 (8192×320→320
 * to 2048×640→5120, best of 5, 2 threads, AVX-512), before packing.
 */
final class DnnOps {
    private static final String SOURCE = "/studio/engine/nn/dnn_ops.torchscript";

    private DnnOps() {
    }

    /**
     * The module, or null where it does not compile (a libtorch without oneDNN): then the layers use libtorch's
     * {@code linear} and {@code conv2d}.
     */
    private static final class DnnHolder {
        static final PtSymbolBlock MODULE = load();

        private static PtSymbolBlock load() {
            try {
                return TorchScriptModules.load(SOURCE);
            } catch (IOException | RuntimeException e) {
                System.getLogger(DnnOps.class.getName()).log(System.Logger.Level.INFO,
                        "oneDNN kernels unavailable in this libtorch, using its linear and conv2d: " + e.getMessage());
                return null;
            }
        }
    }

    /** Whether this libtorch has the oneDNN kernels of {@link DnnHolder} (all builds for x86 CPUs do). */
    static boolean hasOneDnn() {
        return DnnHolder.MODULE != null;
    }

    /**
     * Multiply-adds below which libtorch's {@code linear} beats oneDNN's: the call through TorchScript
     * costs tens of microseconds, as much as a small product. On one thread (what the built-in model
     * runs on), 2.1 M multiply-adds took 78–101 µs through oneDNN against 61–64 through
     * {@code linear}, 17–38 M about the same, 34 M over 2,048 rows 686 against 841 µs.
     */
    static final double DNN_LINEAR_FROM = 1 << 25;

    /**
     * x·wᵀ + b over the last dimension through oneDNN for fp32 tensors, or null where that path does
     * not serve (another type, or a libtorch without it): the caller then uses libtorch's linear.
     * bias may be null.
     */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        if (!linearServes(x, w)) {
            return null;
        }
        return b == null ? call("linear_no_bias", x, x, w) : call("linear", x, x, w, b);
    }

    /**
     * The (out, in) weight in oneDNN's own layout for {@link #linear}, unpacked exactly by
     * {@link #unpack}. Why: as for convolutions ({@link #packConv}), a plain weight is reordered on every
     * call. At SD 1.5's 512×512 shapes, each timed alone and weighted by its count in a step: 2.80 s
     * against 2.53 s, and 3.31 against 3.11 in a second, slower pass (2 threads, AVX-512); the largest
     * gains on the feed-forward outputs (8192×1280→320: 37 → 32 ms) and the 16×16 level.
     */
    static NDArray packLinear(NDArray w) {
        return call("pack_linear", w, w);
    }

    /** fp32, a libtorch with oneDNN, and a product large enough ({@link #DNN_LINEAR_FROM}). */
    static boolean linearServes(NDArray x, NDArray w) {
        return x.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32
                && w.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32 && DnnHolder.MODULE != null
                && (double) x.getShape().size() * w.getShape().get(0) >= DNN_LINEAR_FROM;
    }

    /**
     * GEGLU of a projection, a·GELU(g) where (a, g) are the two halves of x·wᵀ + b, through oneDNN as
     * two products into the halves' own tensors, the GELU and the product in place; or null where
     * {@link #linear} would not serve. w is the plain weight (its halves are views of it). Why: one
     * 2·n-wide product, then the split, GELU and product, took 122–130 ms against 98–100 at SD 1.5's
     * 64×64 level (8192×320 → 2×1280) and 85 against 67–68 at its 32×32 level (2 threads, AVX-512): the
     * narrower products run faster and nothing is copied.
     *
     * <p>With 320 inputs (SD 1.x/2.x's first level) it goes {@link #GEGLU_ROWS} rows at a time: the
     * products are short there for the size of their outputs, and two halves of 8192×1280 did not stay in
     * the cache for the GELU and the product (90 ms a block whole against 69–70 ms in 2048 or 4096 rows
     * at 512×512; 201 against 186 ms at 768×768). With 640 or 1280 inputs (SD's deeper levels, SDXL)
     * chunks were not faster, and at SDXL's 8192×640 → 2×2560 slower (318 ms whole against 327–363).
     * The rows are independent, so the result is the same to the bit.
     */
    static NDArray gegluLinear(NDArray x, NDArray w, NDArray b) {
        if (b == null || !linearServes(x, w)) {
            return null;
        }
        long rows = w.getShape().get(1) <= 320 ? GEGLU_ROWS : Long.MAX_VALUE;
        return callWithLongs("geglu_linear", x, new NDArray[] {x, w, b}, rows);
    }

    /** Rows per chunk of a narrow-input GEGLU ({@link #gegluLinear}). */
    static final long GEGLU_ROWS = 2048;

    /**
     * True where {@link #conv} serves x with this weight: inference, a libtorch with oneDNN, and the
     * weight in x's type (fp32, or bf16 where bf16 arithmetic is on). Elsewhere (training, weights held
     * narrower than the activations) libtorch's conv2d is used.
     */
    static boolean convServes(NDArray x, NDArray heldWeight) {
        return DnnHolder.MODULE != null && x.getDataType() == heldWeight.getDataType() && Ops.inference(x, heldWeight);
    }

    /**
     * The weight reordered once into oneDNN's blocked layout for inputs shaped like x. Why: given a
     * plain (out, in, k, k) weight, oneDNN reorders it on every call, and for SD's 1280-channel
     * convolutions at 16×16 and 8×8 that reorder costs as much as the product: 102 → 67 ms and
     * 42 → 16 ms per call with the weight packed (fp32, batch 2, 2 threads, AVX-512), 48 → 33 ms at
     * 16×16 in bf16. The packed tensor holds the same values (unpacked exactly by {@link #unpack})
     * and serves inputs of other sizes too, as oneDNN reorders again only when its choice differs.
     */
    static NDArray packConv(NDArray w, NDArray x, int stride, int padding) {
        return callWithLongs("pack_conv", w, new NDArray[] {w, x}, stride, padding);
    }

    /** The plain (out, in, k, k) weight back from {@link #packConv}'s layout, bit for bit. */
    static NDArray unpack(NDArray packed) {
        return call("unpack", packed, packed);
    }

    /** A convolution through oneDNN with a weight from {@link #packConv} (or a plain one); b may be null. */
    static NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        return b == null
                ? callWithLongs("conv_no_bias", x, new NDArray[] {x, w}, stride, padding)
                : callWithLongs("conv", x, new NDArray[] {x, w, b}, stride, padding);
    }

    /** Runs a method of this module on tensors; the result goes to {@code owner}'s manager. */
    private static NDArray call(String method, NDArray owner, NDArray... tensors) {
        return TorchScriptModules.call(DnnHolder.MODULE, method, owner, tensors);
    }

    /** As {@link #call} with integer arguments after the tensors. */
    private static NDArray callWithLongs(String method, NDArray owner, NDArray[] tensors, long... ints) {
        return TorchScriptModules.callWithLongs(DnnHolder.MODULE, method, owner, tensors, ints);
    }
}
