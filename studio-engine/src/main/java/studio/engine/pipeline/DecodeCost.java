package studio.engine.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import studio.engine.model.DiffusionModel;

/**
 * What one VAE decode costs on a loaded model, per latent pixel: measured once at load on a small
 * latent, then replaced by every decode the pipeline times (same thread count, same machine load as
 * the next one). Lets the automatic preview plan skip a VAE preview before paying for it.
 */
public final class DecodeCost {
    private static final int CALIBRATION_SIDE = 8;

    private volatile double nanosPerPixel;

    private DecodeCost(double nanosPerPixel) {
        this.nanosPerPixel = nanosPerPixel;
    }

    /** Times a decode of an 8×8 latent (twice: the first run pays one-off allocations). */
    static DecodeCost calibrate(DiffusionModel model) {
        long nanos = 0;
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            var latent = m.zeros(new Shape(1, model.latentChannels(), CALIBRATION_SIDE, CALIBRATION_SIDE));
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                model.vae().decode(latent);
                nanos = System.nanoTime() - start;
            }
        }
        return new DecodeCost((double) nanos / (CALIBRATION_SIDE * CALIBRATION_SIDE));
    }

    long estimateNanos(long latentPixels) {
        return (long) (nanosPerPixel * latentPixels);
    }

    void record(long nanos, long latentPixels) {
        if (latentPixels > 0 && nanos > 0) {
            nanosPerPixel = (double) nanos / latentPixels;
        }
    }
}
