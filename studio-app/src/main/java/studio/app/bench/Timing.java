package studio.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times of repeated runs of one operation, in milliseconds: wall clock and the process's CPU time
 * (its threads but the JIT compilers). The best run is what the tables show: on a shared machine the fastest run is
 * the one least disturbed by other work. CPU time is what the work itself cost; on a loaded machine
 * it compares two implementations more fairly than wall time, at one thread at least.
 */
record Timing(double bestMs, double medianMs, double bestCpuMs, int runs) {
    private static final Path TASKS = Path.of("/proc/self/task");

    static Timing of(double[] wallMs, double[] cpuMs) {
        double[] sorted = wallMs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Timing(sorted[0], median, Arrays.stream(cpuMs).min().orElse(Double.NaN), n);
    }

    /** One warm-up run (first-call allocations, kernel choice), then {@code repeats} timed runs. */
    static Timing measure(int repeats, Runnable op) {
        op.run();
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            double[] one = once(op);
            wall[i] = one[0];
            cpu[i] = one[1];
        }
        return of(wall, cpu);
    }

    /** Wall and CPU milliseconds of one run. */
    static double[] once(Runnable op) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        op.run();
        long wall = System.nanoTime() - start;
        return new double[] {wall / 1e6, (processCpuNanos() - cpu) / 1e6};
    }

    /**
     * CPU time of this process's threads, libtorch's native workers and the garbage collector
     * included, the JIT compilers not (they finish warming up on their own schedule, well after
     * the bench's warm-up run). Linux's per-thread scheduler statistics count nanoseconds; the JVM's
     * own process CPU time counts 10 ms ticks, too coarse for a 3 ms text encode. Elsewhere: the
     * calling thread's CPU time.
     */
    private static long processCpuNanos() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            long sum = 0;
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("schedstat"));
                    sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we listed them
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }
}
