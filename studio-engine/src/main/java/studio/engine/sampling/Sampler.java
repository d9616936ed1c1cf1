package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * One sampling algorithm: integrates from {@code sigmas[0]} down to {@code sigmas[last]} in
 * {@code sigmas.length − 1} steps. Stateless; the same instance serves every job.
 */
@FunctionalInterface
public interface Sampler {
    /**
     * @param model    the denoiser D(x, σ)
     * @param x        (B, C, H, W) starting latent at noise level {@code sigmas[0]}, VE scale; not closed
     * @param sigmas   descending noise levels, at least one
     * @param noise    fresh noise for ancestral samplers; deterministic ones never call it
     * @param listener told after every step; may throw to cancel
     * @return the latent at noise level {@code sigmas[last]}, VE scale, on x's manager; x itself
     *         when {@code sigmas} holds a single level (no steps)
     */
    NDArray sample(Denoiser model, NDArray x, float[] sigmas, NoiseSource noise, StepListener listener);
}
