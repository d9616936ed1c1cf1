package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * D(x, σ): the estimate of the clean latent from a noisy latent x at noise level σ, in the
 * variance-exploding parameterisation of k-diffusion (x = x0 + σ·ε). Conditioning, guidance and
 * ε/v scaling are wrapped around the network before it reaches a sampler.
 */
@FunctionalInterface
public interface Denoiser {
    NDArray denoise(NDArray x, float sigma);
}
