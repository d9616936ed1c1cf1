package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    /** Golden values from tools/reference/half_floats.py (PyTorch's float16/bfloat16 casts). */
    @Test
    void narrowingMatchesPyTorchOnEdgeAndRandomValues() throws IOException {
        ByteBuffer golden = loadGolden();
        int count = golden.getInt();
        assertTrue(count > 6000, "fixture should hold thousands of values");
        for (int i = 0; i < count; i++) {
            float x = Float.intBitsToFloat(golden.getInt());
            short f16 = golden.getShort();
            short bf16 = golden.getShort();
            if (Float.isNaN(x)) {
                assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(x))));
                assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(x))));
                continue;
            }
            String where = x + " (0x" + Integer.toHexString(Float.floatToRawIntBits(x)) + ")";
            assertEquals(Integer.toHexString(f16 & 0xFFFF), Integer.toHexString(HalfFloats.floatToF16(x) & 0xFFFF),
                    "F16 of " + where);
            assertEquals(Integer.toHexString(bf16 & 0xFFFF), Integer.toHexString(HalfFloats.floatToBf16(x) & 0xFFFF),
                    "BF16 of " + where);
        }
    }

    @Test
    void everyF16PatternWidensToItsDefinedValueAndNarrowsBack() {
        for (int h = 0; h < 1 << 16; h++) {
            int exponent = (h >>> 10) & 0x1F;
            int mantissa = h & 0x3FF;
            double expected;
            if (exponent == 0x1F) {
                expected = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            } else if (exponent == 0) {
                expected = Math.scalb((double) mantissa, -24);
            } else {
                expected = Math.scalb(1024.0 + mantissa, exponent - 25);
            }
            if ((h & 0x8000) != 0) {
                expected = -expected;
            }
            float widened = HalfFloats.f16ToFloat((short) h);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(widened), "pattern " + Integer.toHexString(h));
            } else {
                assertEquals(expected, widened, 0.0, "pattern " + Integer.toHexString(h));
                assertEquals(h, HalfFloats.floatToF16(widened) & 0xFFFF, "round trip " + Integer.toHexString(h));
            }
        }
    }

    @Test
    void everyBf16PatternRoundTrips() {
        for (int b = 0; b < 1 << 16; b++) {
            float widened = HalfFloats.bf16ToFloat((short) b);
            assertEquals(b << 16, Float.floatToRawIntBits(widened));
            if (!Float.isNaN(widened)) {
                assertEquals(b, HalfFloats.floatToBf16(widened) & 0xFFFF);
            }
        }
    }

    @Test
    void f16EdgeValues() {
        assertEquals(0x7BFF, HalfFloats.floatToF16(65504f) & 0xFFFF, "largest half");
        assertEquals(0x7BFF, HalfFloats.floatToF16(65519.996f) & 0xFFFF, "just below the overflow midpoint");
        assertEquals(0x7C00, HalfFloats.floatToF16(65520f) & 0xFFFF, "the midpoint ties to even: infinity");
        assertEquals(0xFC00, HalfFloats.floatToF16(-1e9f) & 0xFFFF);
        assertEquals(0x0001, HalfFloats.floatToF16(0x1p-24f) & 0xFFFF, "smallest subnormal");
        assertEquals(0x0000, HalfFloats.floatToF16(0x1p-25f) & 0xFFFF, "half the smallest subnormal ties to zero");
        assertEquals(0x0002, HalfFloats.floatToF16(3 * 0x1p-25f) & 0xFFFF, "1.5 subnormal units ties to even 2");
        assertEquals(0x0400, HalfFloats.floatToF16(0x1p-14f) & 0xFFFF, "smallest normal");
        assertEquals(0x8000, HalfFloats.floatToF16(-0f) & 0xFFFF);
        assertEquals(0x3C00, HalfFloats.floatToF16(1f + 0x1p-11f) & 0xFFFF, "tie rounds down to even");
        assertEquals(0x3C02, HalfFloats.floatToF16(1f + 3 * 0x1p-11f) & 0xFFFF, "tie rounds up to even");
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.f16ToFloat((short) 0x7C00));
        assertEquals(65504f, HalfFloats.f16ToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, HalfFloats.f16ToFloat((short) 0x0001));
    }

    @Test
    void bf16EdgeValues() {
        assertEquals(0x7F80, HalfFloats.floatToBf16(Float.MAX_VALUE) & 0xFFFF, "beyond the largest BF16: infinity");
        assertEquals(0x7F7F, HalfFloats.floatToBf16(Float.intBitsToFloat(0x7F7F7FFF)) & 0xFFFF);
        assertEquals(0x3F80, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808000)) & 0xFFFF, "tie to even");
        assertEquals(0x3F82, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F818000)) & 0xFFFF, "tie to even");
        assertEquals(0x0001, HalfFloats.floatToBf16(Float.intBitsToFloat(0x00010000)) & 0xFFFF, "subnormal kept");
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.NaN))));
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x7F800001)))),
                "a NaN whose payload sits in the dropped bits must not become infinity");
    }

    private static ByteBuffer loadGolden() throws IOException {
        try (InputStream in = HalfFloatsTest.class.getResourceAsStream("half-floats.bin")) {
            byte[] bytes = new DataInputStream(in).readAllBytes();
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
