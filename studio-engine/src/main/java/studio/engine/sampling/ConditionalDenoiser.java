package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/** A {@link Denoiser} that still takes its text conditioning; {@link CfgDenoiser} binds it. */
@FunctionalInterface
public interface ConditionalDenoiser {
    /**
     * @param x       (B, C, H, W) noisy latents at noise level {@code sigma}, VE scale
     * @param sigma   noise level, > 0
     * @param context (B, T, D) text conditioning, one row per latent
     * @return (B, C, H, W) the clean estimate
     */
    NDArray denoise(NDArray x, float sigma, NDArray context);

    /** As {@link #denoise(NDArray, float, NDArray)} with full conditioning (SDXL's vector included). */
    default NDArray denoise(NDArray x, float sigma, Conditioning c) {
        if (c.vector() != null) {
            throw new IllegalArgumentException("this denoiser takes no conditioning vector");
        }
        return denoise(x, sigma, c.context());
    }

    /**
     * As {@link #denoise(NDArray, float, Conditioning)}, told which rows are conditioned on the prompt;
     * {@link CfgDenoiser} calls this one.
     */
    default NDArray denoise(NDArray x, float sigma, Conditioning c, BatchRows rows) {
        return denoise(x, sigma, c);
    }
}
