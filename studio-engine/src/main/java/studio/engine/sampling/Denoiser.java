package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * D(x, σ): the estimate of the clean latent from a noisy latent x at noise level σ, in the
 * variance-exploding parameterisation of k-diffusion (x = x0 + σ·ε). This is the only seam between
 * samplers and the model: conditioning, guidance, ε/v scaling and inpainting blends are wrappers
 * around the network ({@link CompVisDenoiser}, {@link CfgDenoiser}, {@link MaskedDenoiser}) and a
 * wrapper may decorate another {@code Denoiser}.
 */
@FunctionalInterface
public interface Denoiser {
    /**
     * @param x     (B, C, H, W) noisy latents at noise level {@code sigma} (VE scale, not divided by √(1+σ²))
     * @param sigma noise level, > 0
     * @return (B, C, H, W) the clean estimate, attached to x's manager
     */
    NDArray denoise(NDArray x, float sigma);
}
