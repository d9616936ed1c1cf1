package studio.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as Linux reports it in /proc/self/status: Java heap, libtorch's
 * native tensors and everything else together. Elsewhere the values are unknown (-1).
 */
record ResidentMemory(long rssKb, long peakKb) {

    static ResidentMemory now() {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            return new ResidentMemory(rss, peak);
        } catch (IOException | RuntimeException e) {
            return new ResidentMemory(-1, -1);
        }
    }

    boolean known() {
        return rssKb >= 0;
    }

    double rssMb() {
        return rssKb / 1024.0;
    }

    double peakMb() {
        return peakKb / 1024.0;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
