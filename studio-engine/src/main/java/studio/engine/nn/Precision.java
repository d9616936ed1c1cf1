package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import studio.engine.api.InvalidRequestException;

/**
 * The floating type the U-Net's weights and activations are kept in. fp32 is exact (the golden tests'
 * setting); bf16 halves the memory and, on CPUs with AVX512-BF16 or AMX, runs the convolutions and
 * products on the native bf16 units; fp16 halves the memory but libtorch's CPU kernels are slow at it.
 * Text encoder and autoencoder stay fp32: they are a small part of the work, and the autoencoder
 * overflows in fp16.
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
