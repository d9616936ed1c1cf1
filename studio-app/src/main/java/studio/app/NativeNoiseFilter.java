package studio.app;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Drops libtorch's known harmless warnings from the process's native stderr and passes everything else on.
 *
 * <p>Why by hand: libtorch 2.7.1 writes "Could not initialize NNPACK! Reason: Unsupported hardware." to
 * file descriptor 2 dozens of times per generation on CPUs NNPACK does not support (52 lines for one
 * 64×64 image here), and its log level cannot be set through DJL. So fd 2 becomes a pipe read by a daemon
 * thread that forwards every other line; Java's own {@code System.err} is pointed straight at the original
 * stderr, so the studio's messages never wait on that thread. Linux only (it reopens descriptors through
 * /proc); elsewhere stderr is left as it is.
 */
final class NativeNoiseFilter {
    static final Pattern NOISE = Pattern.compile(
            "\\[W[0-9]+ [0-9:.]+ (NNPACK\\.cpp|LegacyTypeDispatch\\.h):[0-9]+\\] .*");

    private NativeNoiseFilter() {
    }

    interface LibC extends Library {
        int pipe(int[] fds);

        int dup(int fd);

        int dup2(int from, int to);

        int close(int fd);
    }

    /** Installs the filter; returns whether it is in place. */
    static boolean install() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            int[] fds = new int[2];
            if (c.pipe(fds) != 0) {
                return false;
            }
            int saved = c.dup(2);
            if (saved < 0) {
                c.close(fds[0]);
                c.close(fds[1]);
                return false;
            }
            // Append mode: when stderr is a file (2> log), reopening it must not write from offset 0.
            OutputStream original = new FileOutputStream("/proc/self/fd/" + saved, true);
            FileInputStream fromPipe = new FileInputStream("/proc/self/fd/" + fds[0]);
            c.close(fds[0]);
            System.err.flush();
            if (c.dup2(fds[1], 2) < 0) {
                c.close(fds[1]);
                fromPipe.close();
                original.close();
                return false;
            }
            c.close(fds[1]);
            System.setErr(new PrintStream(original, true, StandardCharsets.UTF_8));
            Thread forward = new Thread(() -> forward(fromPipe, original), "native-stderr-filter");
            forward.setDaemon(true);
            forward.start();
            // At exit, lines still in the pipe must reach stderr: fd 2 goes back to the real stderr,
            // which closes the pipe's only write end, and the forwarder ends at its last line.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                c.dup2(saved, 2);
                try {
                    forward.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "native-stderr-drain"));
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException | IOException e) {
            return false;
        }
    }

    private static void forward(FileInputStream in, OutputStream out) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!NOISE.matcher(line).matches()) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // stderr went away; nothing left to forward to
        }
    }
}
