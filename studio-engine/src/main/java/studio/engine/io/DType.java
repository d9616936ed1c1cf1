package studio.engine.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * Element types a safetensors header may name. Only {@link #isFloatWeight() F32, F16 and BF16} load
 * as model weights; the others are recognised so that a checkpoint holding, say, an I64
 * {@code position_ids} buffer still opens and can be listed.
 */
public enum DType {
    F64(8),
    F32(4),
    F16(2),
    BF16(2),
    F8_E4M3(1),
    F8_E5M2(1),
    I64(8),
    I32(4),
    I16(2),
    I8(1),
    U64(8),
    U32(4),
    U16(2),
    U8(1),
    BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for the types this studio converts to float weights: F32, F16 and BF16. */
    public boolean isFloatWeight() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The type named exactly as in a safetensors header ("F16", "BF16", ...), if known. */
    public static Optional<DType> fromName(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
