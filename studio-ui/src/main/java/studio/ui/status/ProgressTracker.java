package studio.ui.status;

import java.time.Duration;
import studio.engine.api.EngineEvent;

/**
 * Speed and time left of one job from its step events. Step events may be skipped (previews are
 * coalesced), so speed is measured between the first step seen and the newest one, which also keeps
 * model loading before the first step out of the figure.
 */
public final class ProgressTracker {
    private final int batchSize;
    private long firstDone = -1;
    private double firstSeconds;
    private long done;
    private long total;
    private double itPerSecond = Double.NaN;

    public ProgressTracker(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    public void onStep(EngineEvent.Step step) {
        total = (long) step.totalSteps() * batchSize;
        done = (long) step.batchIndex() * step.totalSteps() + step.step();
        double seconds = step.elapsed().toNanos() / 1e9;
        if (firstDone < 0) {
            firstDone = done;
            firstSeconds = seconds;
            itPerSecond = seconds > 0 ? done / seconds : Double.NaN;
        } else if (done > firstDone && seconds > firstSeconds) {
            itPerSecond = (done - firstDone) / (seconds - firstSeconds);
        }
    }

    /** Steps done over all batch items. */
    public long done() {
        return done;
    }

    /** Steps of all batch items; 0 before the first step. */
    public long total() {
        return total;
    }

    /** Fraction done in [0, 1]. */
    public double fraction() {
        return total == 0 ? 0 : Math.min(1, done / (double) total);
    }

    /** Steps per second, NaN while unknown. */
    public double itPerSecond() {
        return itPerSecond;
    }

    /** Time left at the current speed, or null while unknown. */
    public Duration eta() {
        if (Double.isNaN(itPerSecond) || itPerSecond <= 0 || total == 0) {
            return null;
        }
        return Duration.ofMillis(Math.round((total - done) / itPerSecond * 1000));
    }

    /** "m:ss", or "h:mm:ss" past an hour. */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
