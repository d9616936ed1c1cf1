package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import studio.engine.api.InvalidRequestException;

/**
 * The floating type a checkpoint's weights are held in (U-Net, ControlNet, text encoder and
 * autoencoder), and for bf16 the type the U-Net and ControlNet compute in. fp32 is exact (the golden
 * tests' setting); bf16 and fp16 halve the weights' memory (SD 1.5: 4.3 GB → 2.1 GB).
 *
 * <p>bf16 runs the denoising network in bf16 ({@link #activations}) where the CPU has bf16 instructions
 * ({@link Bf16Arithmetic}; elsewhere it holds the weights only): on a CPU with AVX512-BF16 this
 * libtorch build's bf16 convolution ran at 390–440 GFLOP/s against fp32's 120–220, and its bf16 linear
 * layers at 270–390 against 93–155 (SD 1.5's op sizes at 512×512, 2 threads, best of 5 after two
 * warm-up calls: oneDNN compiles each new shape's kernel on its first call, which made an earlier
 * measurement without warm-up find bf16 far slower). The sampler, the text encoder and the
 * autoencoder still compute in fp32; weights they meet in bf16 are widened per op
 * ({@link Param#forInput}).
 *
 * <p>fp16 holds the weights only: an fp16 3×3 convolution took 23 s where fp32 takes 0.07–0.13 s on the
 * same machine (no fp16 kernels on this CPU), so its activations stay fp32, which also keeps the
 * autoencoder clear of fp16 overflow.
 */
public enum Precision {
    FP32(FusedOps.FLOAT32),
    BF16(FusedOps.BFLOAT16),
    FP16(FusedOps.FLOAT16);

    private final long scalarType;

    Precision(long scalarType) {
        this.scalarType = scalarType;
    }

    /** fp32, bf16 or fp16 (any case). */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new InvalidRequestException("precision must be fp32, bf16 or fp16, got '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** x in this type: x itself for fp32 input to fp32, a new array otherwise. */
    public NDArray cast(NDArray x) {
        if (this == FP32 && x.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32) {
            return x;
        }
        return FusedOps.cast(x, scalarType);
    }

    /**
     * x in the type the denoising network computes in under this precision: bf16 for {@link #BF16}
     * where {@link Bf16Arithmetic#enabled()} (a new array), x itself otherwise. Callers free a new array once the network has read it.
     */
    public NDArray activations(NDArray x) {
        // DJL 0.35 reports bf16 arrays as UNKNOWN, so only fp32 input is recognised as needing the cast
        if (this != BF16 || x.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32 || !Bf16Arithmetic.enabled()) {
            return x;
        }
        return FusedOps.cast(x, FusedOps.BFLOAT16);
    }

    /** x back in fp32 (for the sampler, which works in fp32 whatever the network's type). */
    public static NDArray toFloat32(NDArray x) {
        if (x.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32) {
            return x;
        }
        return FusedOps.cast(x, FusedOps.FLOAT32);
    }

    /** x in fp32 as {@link #toFloat32} gives it, closing x when a converted copy replaces it (a network's output). */
    public static NDArray backToFloat32(NDArray x) {
        NDArray out = toFloat32(x);
        if (out != x) {
            x.close();
        }
        return out;
    }
}
