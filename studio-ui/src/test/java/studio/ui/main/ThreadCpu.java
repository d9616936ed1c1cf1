package studio.ui.main;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process's threads in nanoseconds, summed by kind (Linux's per-thread scheduler
 * statistics), for a benchmark to say where a second went: the engine thread and the libtorch workers
 * it starts (they carry its name), the FX threads, the JIT compilers, the garbage collector, the rest.
 * Empty elsewhere.
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    static Map<String, Long> byGroup() {
        Map<String, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    out.merge(group(name), nanos, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    private static String group(String name) {
        if (name.startsWith("studio-engine")) {
            return "engine and its libtorch workers";
        }
        if (name.startsWith("JavaFX") || name.startsWith("Quantum") || name.startsWith("Prism")) {
            return "FX";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.contains("CompilerThre")) {
            return "JIT compiler";
        }
        return "other";
    }
}
