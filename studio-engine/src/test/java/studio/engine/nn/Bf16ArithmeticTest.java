package studio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.testing.TemporaryProperty;

/** Which machines compute bf16, and what the switch does to a network's input. */
class Bf16ArithmeticTest {
    @TempDir
    Path dir;

    @Test
    void readsTheCpuFlags() throws Exception {
        assertTrue(Bf16Arithmetic.cpuHasIt(cpuinfo("fpu sse avx2 avx512f avx512_bf16 avx512_vnni")), "AVX512-BF16");
        assertTrue(Bf16Arithmetic.cpuHasIt(cpuinfo("fpu avx2 amx_tile amx_bf16")), "AMX-BF16");
        assertFalse(Bf16Arithmetic.cpuHasIt(cpuinfo("fpu sse avx2 avx512f avx512bw")), "AVX-512 without bf16");
        assertFalse(Bf16Arithmetic.cpuHasIt(cpuinfo("fpu avx512_bf16x")), "a flag that only starts the same");
        assertFalse(Bf16Arithmetic.cpuHasIt(dir.resolve("missing")), "no /proc/cpuinfo (not Linux)");
    }

    @Test
    void thePropertyDecidesWhatBf16Activations() {
        try (NDManager m = NDManager.newBaseManager();
             TemporaryProperty arithmetic = TemporaryProperty.set(Bf16Arithmetic.PROPERTY, "on")) {
            float fine = 1f + 1f / 1024; // 1 + 2⁻¹⁰: exact in fp32, rounds to 1 in bf16's 8-bit mantissa
            NDArray x = m.full(new Shape(2, 3), fine);
            NDArray a = Precision.BF16.activations(x);
            NDArray back = Precision.toFloat32(a);
            assertEquals(DataType.FLOAT32, back.getDataType());
            assertEquals(1f, back.getFloat(0, 0), "the activations went through bf16");
            assertEquals(fine, x.getFloat(0, 0), "the caller's array is left as it was");
            assertTrue(Precision.FP16.activations(x) == x, "fp16 holds weights only; it computes in fp32");
            assertTrue(Precision.FP32.activations(x) == x);
            System.setProperty(Bf16Arithmetic.PROPERTY, "off");
            assertTrue(Precision.BF16.activations(x) == x, "off: bf16 weights, fp32 arithmetic");
        }
    }

    private Path cpuinfo(String flags) throws Exception {
        Path p = Files.createTempFile(dir, "cpuinfo", "");
        Files.writeString(p, "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: " + flags + "\nbugs\t\t: none\n\n"
                + "processor\t: 1\nflags\t\t: " + flags + "\n");
        return p;
    }
}
