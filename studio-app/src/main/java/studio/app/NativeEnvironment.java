package studio.app;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Map;

/**
 * Settings that libtorch and its OpenMP runtime read from the environment once, when they load, put
 * there before the first tensor. Java cannot set its own environment, so this calls C's
 * {@code setenv} (JNA comes with DJL). A value the user set is kept, so each can be overridden.
 *
 * <ul>
 * <li>{@code THP_MEM_ALLOC_ENABLE=1}: libtorch aligns allocations of 2 MiB and more to transparent huge
 * pages. Why: a 512×512 U-Net step allocates and frees about a gigabyte of activations in buffers of
 * tens of megabytes; glibc returns each freed one to the kernel, so every step faulted them in again in
 * 4 KiB pages — 1.76 million page faults per step with SD 1.5 at 512×512, 234 thousand with huge pages,
 * the step 8% faster and the peak lower. Where the kernel does not allow huge pages the advice is ignored.
 * <li>{@code OMP_WAIT_POLICY=PASSIVE}: libtorch's OpenMP workers sleep at the end of a parallel region
 * instead of spinning. Why: spinning workers take the CPU that the one still working needs whenever
 * anything else runs — the studio's own FX threads, a browser. With one of this 2-core machine's cores
 * kept busy by another process, a live-mode request on the built-in model took 1.4–2.4 s with the
 * default policy and 0.65–0.78 s with passive waiting; on the quiet machine it cost 0.47–0.54 s against
 * 0.43–0.50 s, and an SD 1.5 step at 512×512 differed by less than the run-to-run noise.
 * </ul>
 */
final class NativeEnvironment {
    private static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    /** libgomp's own spin setting: a user who set it has chosen how OpenMP waits. */
    private static final String SPIN_COUNT = "GOMP_SPINCOUNT";
    /** Each variable this sets, and its value. */
    static final Map<String, String> SETTINGS = Map.of("THP_MEM_ALLOC_ENABLE", "1", WAIT_POLICY, "PASSIVE");

    private NativeEnvironment() {
    }

    interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Call before anything creates a tensor. */
    static void prepare() {
        if (!Platform.isLinux()) {
            return;
        }
        try {
            C c = Native.load("c", C.class);
            for (Map.Entry<String, String> e : SETTINGS.entrySet()) {
                if (!userChose(e.getKey())) {
                    c.setenv(e.getKey(), e.getValue(), 0);
                }
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no C library to call: libtorch and OpenMP run with their defaults
        }
    }

    private static boolean userChose(String variable) {
        return System.getenv(variable) != null || variable.equals(WAIT_POLICY) && System.getenv(SPIN_COUNT) != null;
    }
}
