package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import studio.engine.api.InvalidRequestException;

/**
 * The floating type a checkpoint's weights are held in (U-Net, text encoder and autoencoder). fp32
 * is exact (the golden tests' setting); bf16 and fp16 halve the weights' memory (SD 1.5: 4.3 GB →
 * 2.1 GB). Activations stay fp32 and each weight is widened for its op ({@link Param#forInput}), so
 * the autoencoder's fp16 overflow does not arise.
 *
 * <p>Why not compute in bf16: in the libtorch 2.7.1 CPU build DJL ships, a bf16 3×3 convolution ran
 * 10–300× slower than fp32 on this AVX512-BF16 machine (NCHW; 1.2–35× with channels-last inputs) and
 * a bf16 linear layer 5–10× slower, measured through DJL and through TorchScript on a busy machine:
 * these ops do not reach fast bf16 kernels in this build. Widening costs one pass over the weights per call.
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

    /** x back in fp32 (for the sampler, which works in fp32 whatever the network's type). */
    public static NDArray toFloat32(NDArray x) {
        if (x.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32) {
            return x;
        }
        return FusedOps.cast(x, FusedOps.FLOAT32);
    }
}
