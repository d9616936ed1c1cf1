package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The settings libtorch and OpenMP read when they load are in the C environment of a fresh process
 * before its first tensor, and a value the user chose is kept. Each case runs in a child JVM, since
 * the environment is the process's own.
 */
class NativeEnvironmentTest {
    @Test
    void passiveWaitingAndHugePagesAreSetUnlessTheUserChose() throws Exception {
        assertEquals("PASSIVE 1", probe(Map.of()));
        assertEquals("ACTIVE 1", probe(Map.of("OMP_WAIT_POLICY", "ACTIVE")));
        assertEquals("null 0", probe(Map.of("GOMP_SPINCOUNT", "1000", "THP_MEM_ALLOC_ENABLE", "0")),
                "a spin count the user set means they chose how OpenMP waits");
    }

    private static String probe(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("GOMP_SPINCOUNT");
        pb.environment().remove("THP_MEM_ALLOC_ENABLE");
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Prepares the environment as {@link Main} does and prints what C's getenv then sees. */
    public static final class Probe {
        interface C extends Library {
            String getenv(String name);
        }

        public static void main(String[] args) {
            NativeEnvironment.prepare();
            C c = Native.load("c", C.class);
            System.out.println(c.getenv("OMP_WAIT_POLICY") + " " + c.getenv("THP_MEM_ALLOC_ENABLE"));
        }
    }
}
