package studio.engine.io;

/**
 * IEEE half (F16) and bfloat16 (BF16) conversions, bit-exact with PyTorch: widening is exact,
 * narrowing rounds to nearest, ties to even, overflowing to infinity. Java 17 has no
 * {@code Float.float16ToFloat}, and checkpoints are mostly F16, so widening goes through a table.
 */
public final class HalfFloats {
    private static final float[] F16_TO_F32 = new float[1 << 16];

    static {
        for (int h = 0; h < F16_TO_F32.length; h++) {
            F16_TO_F32[h] = computeF16ToFloat((short) h);
        }
    }

    private HalfFloats() {
    }

    /** The float an F16 bit pattern stands for (exact). */
    public static float f16ToFloat(short half) {
        return F16_TO_F32[half & 0xFFFF];
    }

    /** The float a BF16 bit pattern stands for (exact: BF16 is the top half of an F32). */
    public static float bf16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }

    /** The nearest F16 (ties to even); beyond ±65504 rounds to infinity; NaN stays NaN. */
    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFF_FFFF;
        if (abs >= 0x7F80_0000) {
            // Infinity keeps its sign; NaN keeps the top of its payload and is made quiet so it stays NaN.
            return (short) (abs == 0x7F80_0000 ? sign | 0x7C00 : sign | 0x7E00 | ((abs >>> 13) & 0x3FF));
        }
        if (abs >= 0x477F_F000) {
            // 65520 is the midpoint between 65504 (odd mantissa) and 2^16, so it and above round up to infinity.
            return (short) (sign | 0x7C00);
        }
        if (abs >= 0x3880_0000) {
            // Normal half: rebias the exponent, drop 13 mantissa bits with round-half-even (a carry
            // into the exponent is the correct result).
            int half = ((abs >>> 23) - 127 + 15) << 10 | ((abs >>> 13) & 0x3FF);
            return (short) (sign | roundHalfEven(half, abs & 0x1FFF, 0x1000));
        }
        if (abs <= 0x3300_0000) {
            // At or below half the smallest subnormal (2^-25): the tie goes to even, which is zero.
            return (short) sign;
        }
        // Subnormal half: the value in units of 2^-24 is mantissa * 2^(exponent - 126).
        int exponent = abs >>> 23;
        int mantissa = (abs & 0x7F_FFFF) | 0x80_0000;
        int shift = 126 - exponent;
        int half = mantissa >>> shift;
        int rest = mantissa & ((1 << shift) - 1);
        return (short) (sign | roundHalfEven(half, rest, 1 << (shift - 1)));
    }

    /** The nearest BF16 (ties to even); NaN becomes a quiet NaN. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    private static int roundHalfEven(int truncated, int rest, int halfway) {
        if (rest > halfway || (rest == halfway && (truncated & 1) != 0)) {
            return truncated + 1;
        }
        return truncated;
    }

    private static float computeF16ToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Subnormal or zero: mantissa * 2^-24, exact in float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | (mantissa << 13));
    }
}
