package studio.ui.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Measures how long the FX thread goes without a pulse. An {@link AnimationTimer} asks for a pulse
 * every frame (~16 ms); when the FX thread is busy or blocked, the next one comes late, so the gap
 * between two pulses is the longest time the window could not repaint or react.
 *
 * <p>On a machine shared with other jobs a gap also holds time in which the FX thread (or the
 * render and timer threads it waits for) was ready but got no CPU. To tell the studio's share
 * apart, each gap is split with the FX thread's scheduler statistics ({@code /proc/thread-self/schedstat}
 * on Linux: time on a CPU, time waiting for one), and a sampler looks at the FX thread every few
 * milliseconds to find the longest stretch it spent blocked or waiting inside studio code (a lock,
 * a file, a future). Start and stop on the FX thread.
 */
public final class PulseMonitor extends AnimationTimer {
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
    private static final long SAMPLE_MILLIS = 3;

    /**
     * One gap between pulses, in milliseconds: wall clock, FX thread on a CPU, FX thread ready but
     * waiting for a CPU, and how much of the gap the JVM was stopped for garbage collection.
     */
    public record Gap(double wall, double onCpu, double waitingForCpu, double inGc) {
    }

    private final List<Gap> gaps = new ArrayList<>();
    private final boolean schedstat = Files.isReadable(SCHEDSTAT);
    private long last = -1;
    private long[] lastSched;
    private long lastGc;
    private Thread sampler;
    private volatile boolean sampling;
    private volatile double longestBlockedInStudio;

    @Override
    public void start() {
        super.start();
        startSampler(Thread.currentThread().getId());
    }

    @Override
    public void handle(long now) {
        long[] sched = sched();
        if (last >= 0) {
            double cpu = sched == null || lastSched == null ? 0 : (sched[0] - lastSched[0]) / 1e6;
            double queued = sched == null || lastSched == null ? 0 : (sched[1] - lastSched[1]) / 1e6;
            long gcNow = gcMillis();
            gaps.add(new Gap((now - last) / 1e6, cpu, queued, gcNow - lastGc));
            lastGc = gcNow;
        }
        if (last < 0) {
            lastGc = gcMillis();
        }
        last = now;
        lastSched = sched;
    }

    /** Total collection time of all collectors so far (G1's young pauses stop every Java thread). */
    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent")) {
                total += Math.max(0, gc.getCollectionTime());
            }
        }
        return total;
    }

    @Override
    public void stop() {
        super.stop();
        last = -1;
        sampling = false;
        if (sampler != null) {
            try {
                sampler.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Samples the FX thread's state and stack; a run of samples blocked or waiting in studio code is one stretch. */
    private void startSampler(long fxThreadId) {
        sampling = true;
        sampler = new Thread(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long stretchStart = -1;
            while (sampling) {
                ThreadInfo info = threads.getThreadInfo(fxThreadId, 64);
                long now = System.nanoTime();
                boolean blockedInStudio = info != null && info.getThreadState() != Thread.State.RUNNABLE
                        && inStudioCode(info.getStackTrace());
                if (blockedInStudio && stretchStart < 0) {
                    stretchStart = now;
                } else if (!blockedInStudio && stretchStart >= 0) {
                    longestBlockedInStudio = Math.max(longestBlockedInStudio, (now - stretchStart) / 1e6);
                    stretchStart = -1;
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-pulse-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static boolean inStudioCode(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("studio.") && !e.getClassName().startsWith("studio.ui.testing.")) {
                return true;
            }
        }
        return false;
    }

    private long[] sched() {
        if (!schedstat) {
            return null;
        }
        try {
            String[] f = Files.readString(SCHEDSTAT).trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public int pulses() {
        return gaps.size();
    }

    /** The longest gap by the wall clock. */
    public Gap worst() {
        return gaps.stream().max(Comparator.comparingDouble(Gap::wall)).orElse(new Gap(0, 0, 0, 0));
    }

    /** The most CPU time the FX thread spent between two pulses: the longest stretch of work on it. */
    public double longestWorkMillis() {
        return gaps.stream().mapToDouble(Gap::onCpu).max().orElse(0);
    }

    /** The longest stretch the FX thread was seen blocked or waiting inside studio code (sampled every few ms). */
    public double longestBlockedInStudioMillis() {
        return longestBlockedInStudio;
    }

    /** Whether gaps are split by the scheduler's statistics (Linux). */
    public boolean splitsGaps() {
        return schedstat;
    }

    /** The wall-clock gap that {@code q} (0..1) of all gaps are at most. */
    public double quantileMillis(double q) {
        if (gaps.isEmpty()) {
            return 0;
        }
        double[] sorted = gaps.stream().mapToDouble(Gap::wall).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
