package studio.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Progress of a training run: a CSV row per logged step (appended, so a resumed run continues the
 * same file) and a one-line summary with loss, speed and ETA for the console.
 */
public final class TrainLog {
    private final Path csv;
    private final PrintStream console;
    private final long totalSteps;
    private final long startStep;
    private final long startNanos = System.nanoTime();

    public TrainLog(Path csv, String header, PrintStream console, long startStep, long totalSteps) throws IOException {
        this.csv = csv;
        this.console = console;
        this.startStep = startStep;
        this.totalSteps = totalSteps;
        if (!Files.exists(csv)) {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            Files.writeString(csv, header + "\n", StandardCharsets.UTF_8);
        }
    }

    /** Appends {@code step,values...} to the CSV and prints a progress line. */
    public void log(long step, String label, double... values) {
        StringBuilder row = new StringBuilder().append(step);
        for (double v : values) {
            row.append(',').append(String.format(Locale.ROOT, "%.6g", v));
        }
        try {
            Files.writeString(csv, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the training log " + csv, e);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double perStep = seconds / Math.max(1, step - startStep);
        long etaSeconds = Math.round(perStep * (totalSteps - step));
        console.printf(Locale.ROOT, "step %d/%d  %s  %.2f s/step  elapsed %s  ETA %s%n", step, totalSteps, label,
                perStep, clock(Math.round(seconds)), clock(etaSeconds));
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
