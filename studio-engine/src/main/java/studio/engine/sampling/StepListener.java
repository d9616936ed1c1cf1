package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Told after every sampler step; previews and cancellation hang off it. Throwing (for example
 * {@code Progress.CancelledException}) stops sampling at once and propagates to the caller.
 */
@FunctionalInterface
public interface StepListener {
    StepListener NONE = (i, total, x, denoised) -> { };

    /**
     * Both arrays are valid only during the call; {@code duplicate()} one to keep it.
     *
     * @param i        0-based index of the step just taken
     * @param total    number of steps of this run
     * @param x        the latent after the step, in the sampler's working (VE) scale
     * @param denoised the clean estimate the step was based on — the natural preview
     */
    void onStep(int i, int total, NDArray x, NDArray denoised);
}
