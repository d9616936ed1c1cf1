package studio.train;

/** Learning-rate schedules. */
public final class LearningRate {
    private LearningRate() {
    }

    /** Linear warm-up over {@code warmup} steps, then cosine decay to 10% of the peak at {@code total}. */
    public static float warmupCosine(long step, long total, float peak, long warmup) {
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
        return (float) (peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }
}
