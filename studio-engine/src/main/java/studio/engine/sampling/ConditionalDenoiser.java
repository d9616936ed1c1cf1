package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/** A {@link Denoiser} that still takes its text conditioning; {@link CfgDenoiser} binds it. */
@FunctionalInterface
public interface ConditionalDenoiser {
    /**
     * The clean estimate, told which rows are conditioned on the prompt (the one form
     * {@link CfgDenoiser} calls).
     *
     * @param x     (B, C, H, W) noisy latents at noise level {@code sigma}, VE scale
     * @param sigma noise level, > 0
     * @param c     text conditioning (SDXL's vector included), one row per latent
     * @param rows  which rows are the prompt's and which the negative prompt's
     * @return (B, C, H, W) the clean estimate
     */
    NDArray denoise(NDArray x, float sigma, Conditioning c, BatchRows rows);

    /** As {@link #denoise(NDArray, float, Conditioning, BatchRows)} with (B, T, D) text context, every row the prompt's. */
    default NDArray denoise(NDArray x, float sigma, NDArray context) {
        return denoise(x, sigma, Conditioning.of(context), BatchRows.of(sigma, (int) x.getShape().get(0), true));
    }
}
