package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * Inpainting for ordinary (4-channel) models: outside the mask the clean estimate is replaced by
 * the original latent, so every step pulls the kept region back to the source image while the
 * masked region is denoised freely (AUTOMATIC1111's blend of {@code init_latent} into the denoised
 * output). Decorates any {@link Denoiser}, usually a {@link CfgDenoiser}.
 */
public final class MaskedDenoiser implements Denoiser {

    private final Denoiser inner;
    private final NDArray original;
    private final NDArray repaint;

    /**
     * @param inner    the denoiser to decorate
     * @param original (B, C, H, W) clean latent of the source image
     * @param repaint  (B or 1, 1, H, W) mask at latent resolution, 1 = repaint, 0 = keep, values in between blend
     */
    public MaskedDenoiser(Denoiser inner, NDArray original, NDArray repaint) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.original = Objects.requireNonNull(original, "original");
        this.repaint = Objects.requireNonNull(repaint, "repaint");
        long[] o = original.getShape().getShape();
        long[] m = repaint.getShape().getShape();
        if (m.length != 4 || m[2] != o[2] || m[3] != o[3]) {
            throw new IllegalArgumentException("mask " + repaint.getShape() + " must be (B, 1, H, W) at the latent size "
                    + original.getShape().slice(2));
        }
    }

    @Override
    public NDArray denoise(NDArray x, float sigma) {
        NDArray denoised = inner.denoise(x, sigma);
        // original + repaint·(denoised − original) is the blend with one op fewer; starting from
        // denoised keeps the result on the caller's manager
        return denoised.sub(original).mul(repaint).add(original);
    }
}
