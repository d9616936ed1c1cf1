package studio.engine.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether {@link Precision#BF16} computes in bf16 or only holds the weights in it. bf16 arithmetic pays
 * only where the CPU has bf16 dot-product instructions (AVX512-BF16 or AMX-BF16): there libtorch's
 * oneDNN kernels run bf16 convolutions and matrix products at about twice fp32's rate; elsewhere they
 * fall back to converting kernels that are slower than fp32. The system property
 * {@value #PROPERTY} ({@code auto}, {@code on}, {@code off}) overrides the CPU check, so tests reach
 * both paths on any machine and a user can compare them.
 *
 * <p>Read from {@code /proc/cpuinfo} because neither the JDK nor DJL reports CPU features; where it
 * is missing (not Linux) the answer is no.
 */
public final class Bf16Arithmetic {
    public static final String PROPERTY = "studio.bf16.compute";
    private static final boolean CPU_HAS_IT = cpuHasIt(Path.of("/proc/cpuinfo"));

    private Bf16Arithmetic() {
    }

    /** True when bf16 activations are used for {@link Precision#BF16} (the property, else the CPU). */
    public static boolean enabled() {
        String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> CPU_HAS_IT;
        };
    }

    /** Whether this machine's CPU has bf16 dot-product instructions. */
    public static boolean cpuHasIt() {
        return CPU_HAS_IT;
    }

    static boolean cpuHasIt(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> (l + " ").contains(" avx512_bf16 ") || (l + " ").contains(" amx_bf16 "))
                    .orElse(false);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
