package studio.engine.pipeline;

import java.util.function.Supplier;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;

/**
 * Which steps' live previews go through the VAE (the others get the cheap linear projection), for
 * one batch item. Never the last step: the final decode follows at once and becomes the result.
 *
 * <p>A fixed interval is kept exactly. {@link GenerationRequest#PREVIEW_AUTO}, the default, keeps the
 * VAE previews under {@link #AUTO_BUDGET} of the time spent so far: a decode is due every
 * {@link #AUTO_EVERY} steps but made only if the time already spent on them plus what the next one
 * will cost (the last one's time, or the model's {@link DecodeCost} before the first) stays within
 * the budget. A VAE decode costs from one U-Net step to several, so a fixed interval either
 * wastes previews on cheap models or slows expensive ones by far more than the 10% the studio
 * allows previews; on the default model at 20 steps it means the cheap projection only.
 */
final class PreviewPlan {
    static final int AUTO_EVERY = 5;
    static final double AUTO_BUDGET = 0.08;

    private final int every;
    private final boolean budgeted;
    private final int steps;
    private final DecodeCost cost;
    private final long latentPixels;
    private final long start = System.nanoTime();
    private long spentNanos;

    PreviewPlan(int previewEvery, int steps, DecodeCost cost, long latentPixels) {
        this.budgeted = previewEvery == GenerationRequest.PREVIEW_AUTO;
        this.every = budgeted ? AUTO_EVERY : previewEvery;
        this.steps = steps;
        this.cost = cost;
        this.latentPixels = latentPixels;
    }

    /** Whether the preview after this (1-based) step should be a VAE decode. */
    boolean fullDecodeAt(int step) {
        if (every <= 0 || step >= steps || step % every != 0) {
            return false;
        }
        return !budgeted || spentNanos + cost.estimateNanos(latentPixels) <= AUTO_BUDGET * (System.nanoTime() - start);
    }

    /** Runs a VAE preview decode, counting its time against the budget and the model's decode cost. */
    RgbImage timed(Supplier<RgbImage> decode) {
        long t = System.nanoTime();
        RgbImage image = decode.get();
        long nanos = System.nanoTime() - t;
        spentNanos += nanos;
        cost.record(nanos, latentPixels);
        return image;
    }
}
