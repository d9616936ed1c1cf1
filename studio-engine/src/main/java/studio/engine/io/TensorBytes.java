package studio.engine.io;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** Converts little-endian tensor bytes of a float type to Java floats and back. */
final class TensorBytes {
    private static final int CHUNK = 1 << 16;

    private TensorBytes() {
    }

    /**
     * Widens all of {@code bytes} (F32, F16 or BF16, little-endian) into {@code out} from {@code at};
     * returns the number of values written.
     */
    static int toFloats(DType dtype, ByteBuffer bytes, float[] out, int at) {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> {
                FloatBuffer floats = le.asFloatBuffer();
                int n = floats.remaining();
                floats.get(out, at, n);
                return n;
            }
            case F16, BF16 -> {
                ShortBuffer halves = le.asShortBuffer();
                int n = halves.remaining();
                short[] chunk = new short[Math.min(CHUNK, n)];
                for (int done = 0; done < n; ) {
                    int len = Math.min(chunk.length, n - done);
                    halves.get(chunk, 0, len);
                    if (dtype == DType.F16) {
                        for (int i = 0; i < len; i++) {
                            out[at + done + i] = HalfFloats.f16ToFloat(chunk[i]);
                        }
                    } else {
                        for (int i = 0; i < len; i++) {
                            out[at + done + i] = HalfFloats.bf16ToFloat(chunk[i]);
                        }
                    }
                    done += len;
                }
                return n;
            }
            default -> throw new IllegalArgumentException(dtype + " is not a float type");
        }
    }

    /** Narrows {@code values[from, from+count)} to {@code dtype} into {@code out} (little-endian). */
    static void fromFloats(DType dtype, float[] values, int from, int count, ByteBuffer out) {
        ByteBuffer le = out.order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> {
                for (int i = from; i < from + count; i++) {
                    le.putFloat(values[i]);
                }
            }
            case F16 -> {
                for (int i = from; i < from + count; i++) {
                    le.putShort(HalfFloats.floatToF16(values[i]));
                }
            }
            case BF16 -> {
                for (int i = from; i < from + count; i++) {
                    le.putShort(HalfFloats.floatToBf16(values[i]));
                }
            }
            default -> throw new IllegalArgumentException(dtype + " is not a float type");
        }
    }

    /** The DJL type with the same bit layout, for the types libtorch can read in place (not BF16). */
    static DataType djlType(DType dtype) {
        return switch (dtype) {
            case F32 -> DataType.FLOAT32;
            case F16 -> DataType.FLOAT16;
            default -> throw new IllegalArgumentException(dtype + " cannot be handed to libtorch in place");
        };
    }
}
