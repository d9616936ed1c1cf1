package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class NativeNoiseFilterTest {
    interface LibC extends Library {
        long write(int fd, byte[] bytes, long count);
    }

    /** Run in a child JVM: installs the filter, then writes to fd 2 natively and through System.err. */
    public static void main(String[] args) throws Exception {
        System.out.println("installed " + NativeNoiseFilter.install());
        LibC c = Native.load("c", LibC.class);
        for (String line : List.of(
                "[W1130 22:19:18.474694429 NNPACK.cpp:57] Could not initialize NNPACK! Reason: Unsupported hardware.\n",
                "native error that matters\n",
                "[W1130 22:17:03.015773470 LegacyTypeDispatch.h:74] Warning: AutoNonVariableTypeMode is deprecated\n")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            c.write(2, b, b.length);
        }
        System.err.println("studio: failed: a message of the studio");
        // The last of many native lines written just before exit still arrives: no wait here, the
        // filter drains the pipe when the JVM exits.
        for (int i = 0; i < 20_000; i++) {
            byte[] b = ("native line " + i + "\n").getBytes(StandardCharsets.UTF_8);
            c.write(2, b, b.length);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void libtorchNoiseIsDroppedAndEverythingElseReachesStderr(@TempDir Path dir) throws IOException, InterruptedException {
        Path err = dir.resolve("stderr.txt");
        Files.writeString(err, "earlier content\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NativeNoiseFilterTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        assertEquals(0, p.waitFor());
        assertEquals("installed true", Files.readString(dir.resolve("stdout.txt")).strip());
        String text = Files.readString(err);
        assertTrue(text.startsWith("earlier content\n"), "appends to a redirected stderr: " + text);
        assertTrue(text.contains("native error that matters\n"), text);
        assertTrue(text.contains("studio: failed: a message of the studio\n"), text);
        assertTrue(text.endsWith("native line 19999\n"), "the lines written just before exit arrive too");
        assertFalse(text.contains("NNPACK") || text.contains("AutoNonVariableTypeMode"), text);
    }
}
