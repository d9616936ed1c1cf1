package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * libtorch kernels that DJL's JNI does not expose, reached through a tiny TorchScript module.
 *
 * <p>Why: DJL 0.35 offers no {@code scaled_dot_product_attention}, {@code group_norm}, {@code silu}
 * or dtype casts to bfloat16 (its {@code toType(BFLOAT16)} aborts the JVM), and composing them from
 * DJL ops costs a full memory pass (and a fresh allocation) per op. At 512×512 that made attention
 * materialise 1 GiB score tensors and GroupNorm+SiLU 4× slower than the fused kernel. libtorch
 * compiles TorchScript source when it loads a module, so the methods in {@code fused_ops.torchscript}
 * (one line each) call libtorch's own fused kernels — flash attention on the CPU, which never holds
 * the N×N scores — with no native code of ours. Each call costs a few microseconds of interpreter
 * time, nothing next to a 512×512 op.
 *
 * <p>The module archive is assembled here from that source, the pickled module object (a
 * {@code FusedOps} with only {@code training = False}) and the format version, in memory.
 */
public final class FusedOps {
    private static final String SOURCE = "/studio/engine/nn/fused_ops.torchscript";
    private static final String DNN_SOURCE = "/studio/engine/nn/dnn_ops.torchscript";
    /** torch's ScalarType codes, as TorchScript passes dtypes. */
    static final long FLOAT32 = 6;
    static final long FLOAT16 = 5;
    static final long BFLOAT16 = 15;

    private FusedOps() {
    }

    /** Loaded once per process, on first use, onto a manager that lives as long as the process. */
    private static final class Holder {
        static final PtNDManager MANAGER = (PtNDManager) ai.djl.ndarray.NDManager.newBaseManager("PyTorch");
        static final PtSymbolBlock MODULE = load();

        private static PtSymbolBlock load() {
            try {
                return JniUtils.loadModule(MANAGER, new ByteArrayInputStream(archive(SOURCE)), false, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the engine's fused-ops module", e);
            }
        }
    }

    /**
     * oneDNN's own fp32 matrix product ({@code mkldnn._linear_pointwise}, the op PyTorch's compiler
     * emits for CPU linear layers) and its convolution, both with packed weights ({@link #packLinear},
     * {@link #packConv}), kept in a module of its own because they exist only in libtorch builds with
     * oneDNN: where it does not compile, {@link #MODULE} is null and the layers use libtorch's
     * {@code linear} and {@code conv2d}. At SD 1.5's sizes the product ran at 139–177 GFLOP/s where
     * {@code linear} (MKL's sgemm) ran at 100–152 (8192×320→320 to 2048×640→5120, best of 5, 2 threads,
     * AVX-512), before packing.
     */
    private static final class DnnHolder {
        static final PtSymbolBlock MODULE = load();

        private static PtSymbolBlock load() {
            try {
                return JniUtils.loadModule(Holder.MANAGER, new ByteArrayInputStream(archive(DNN_SOURCE)), false, false);
            } catch (IOException | RuntimeException e) {
                System.getLogger(FusedOps.class.getName()).log(System.Logger.Level.INFO,
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
        return b == null ? call(DnnHolder.MODULE, "linear_no_bias", x, x, w) : call(DnnHolder.MODULE, "linear", x, x, w, b);
    }

    /**
     * The (out, in) weight in oneDNN's own layout for {@link #linear}, unpacked exactly by
     * {@link #unpack}. Why: as for convolutions ({@link #packConv}), a plain weight is reordered on every
     * call. At SD 1.5's 512×512 shapes, each timed alone and weighted by its count in a step: 2.80 s
     * against 2.53 s, and 3.31 against 3.11 in a second, slower pass (2 threads, AVX-512); the largest
     * gains on the feed-forward outputs (8192×1280→320: 37 → 32 ms) and the 16×16 level.
     */
    static NDArray packLinear(NDArray w) {
        return call(DnnHolder.MODULE, "pack_linear", w, w);
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
        return callWithLongs(DnnHolder.MODULE, "geglu_linear", x, new NDArray[] {x, w, b}, rows);
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
        return callWithLongs(DnnHolder.MODULE, "pack_conv", w, new NDArray[] {w, x}, stride, padding);
    }

    /** The plain (out, in, k, k) weight back from {@link #packConv}'s layout, bit for bit. */
    static NDArray unpack(NDArray packed) {
        return call(DnnHolder.MODULE, "unpack", packed, packed);
    }

    /** A convolution through oneDNN with a weight from {@link #packConv} (or a plain one); b may be null. */
    static NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        return b == null
                ? callWithLongs(DnnHolder.MODULE, "conv_no_bias", x, new NDArray[] {x, w}, stride, padding)
                : callWithLongs(DnnHolder.MODULE, "conv", x, new NDArray[] {x, w, b}, stride, padding);
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

    /** SiLU(GroupNorm(x)) in two kernels and one allocation, the ResBlock's and VAE's pre-activation; inputs as {@link #groupNorm}. */
    public static NDArray groupNormSilu(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        long t = Profile.start();
        NDArray out = callWithInts("group_norm_silu", x, groups, gamma, beta, eps);
        Profile.end(Profile.Kind.NORM, t);
        return out;
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

    /** Runs a method on tensors; the result goes to {@code owner}'s manager (and its NDScope). */
    private static NDArray call(String method, NDArray owner, NDArray... tensors) {
        return call(Holder.MODULE, method, owner, tensors);
    }

    /** As {@link #call(String, NDArray, NDArray...)} on another module. */
    private static NDArray call(PtSymbolBlock module, String method, NDArray owner, NDArray... tensors) {
        return callWithLongs(module, method, owner, tensors);
    }

    /** As {@link #call(PtSymbolBlock, String, NDArray, NDArray...)} with integer arguments after the tensors. */
    private static NDArray callWithLongs(PtSymbolBlock module, String method, NDArray owner, NDArray[] tensors, long... ints) {
        IValue[] in = new IValue[tensors.length + ints.length];
        try {
            for (int i = 0; i < tensors.length; i++) {
                in[i] = IValue.from((PtNDArray) tensors[i]);
            }
            for (int i = 0; i < ints.length; i++) {
                in[tensors.length + i] = IValue.from(ints[i]);
            }
            try (IValue out = IValueUtils.runMethod(module, method, in)) {
                return out.toTensor((PtNDManager) owner.getManager());
            }
        } finally {
            for (IValue v : in) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    /** The TorchScript archive of a source: code, the pickled module object, constants and format version. */
    static byte[] archive(String source) throws IOException {
        byte[] code;
        try (InputStream s = FusedOps.class.getResourceAsStream(source)) {
            if (s == null) {
                throw new IOException("the engine jar lacks " + source);
            }
            code = s.readAllBytes();
        }
        // pickle protocol 2 of the object: GLOBAL '__torch__ FusedOps', NEWOBJ(), BUILD({'training': False})
        byte[] object = concat(new byte[] {(byte) 0x80, 2, 'c'}, "__torch__\nFusedOps\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {')', (byte) 0x81, '}', 'X', 8, 0, 0, 0}, "training".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x89, 's', 'b', '.'});
        byte[] emptyTuple = {(byte) 0x80, 2, ')', '.'};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "fused_ops/data.pkl", object);
            stored(zip, "fused_ops/code/__torch__.py", code);
            stored(zip, "fused_ops/constants.pkl", emptyTuple);
            stored(zip, "fused_ops/.data/version", "10\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED); // torch's archive reader wants uncompressed entries
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
