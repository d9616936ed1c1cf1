package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Objects;

/**
 * Classifier-free guidance: D = D_u + s·(D_c − D_u), where D_c is conditioned on the prompt and D_u
 * on the negative prompt. Guiding the denoised estimate equals guiding ε or v, since D is affine
 * in the network output with the same coefficients for both passes.
 *
 * <p>Both passes go through the network as one batch [uncond; cond], as the original samplers do.
 * A scale of exactly 1 needs only the conditional pass and a scale of 0 only the unconditional one,
 * so those skip the other pass entirely.
 */
public final class CfgDenoiser implements Denoiser {

    private final ConditionalDenoiser model;
    private final Conditioning cond;
    private final Conditioning uncond;
    private final double scale;

    /**
     * @param model  the conditional denoiser, usually a {@link CompVisDenoiser}
     * @param cond   (B, T, D) prompt conditioning
     * @param uncond (B, T', D) negative-prompt conditioning; may be null when {@code scale} is 1
     * @param scale  guidance scale, ≥ 0
     */
    public CfgDenoiser(ConditionalDenoiser model, NDArray cond, NDArray uncond, double scale) {
        this(model, Conditioning.of(Objects.requireNonNull(cond, "cond")),
                uncond == null ? null : Conditioning.of(uncond), scale);
    }

    /** As the text-only constructor, with full conditioning (SDXL's vector included). */
    public CfgDenoiser(ConditionalDenoiser model, Conditioning cond, Conditioning uncond, double scale) {
        this.model = Objects.requireNonNull(model, "model");
        this.cond = Objects.requireNonNull(cond, "cond");
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("guidance scale must be finite and >= 0, got " + scale);
        }
        if (uncond == null && scale != 1) {
            throw new IllegalArgumentException("guidance scale " + scale + " needs unconditional conditioning");
        }
        if (uncond != null && uncond.batch() != cond.batch()) {
            throw new IllegalArgumentException("cond and uncond must have the same batch size, got "
                    + cond.context().getShape() + " and " + uncond.context().getShape());
        }
        this.uncond = uncond;
        this.scale = scale;
    }

    public double scale() {
        return scale;
    }

    @Override
    public NDArray denoise(NDArray x, float sigma) {
        if (x.getShape().get(0) != cond.batch()) {
            throw new IllegalArgumentException("latent batch " + x.getShape().get(0)
                    + " does not match the conditioning batch " + cond.batch());
        }
        int batch = (int) x.getShape().get(0);
        BatchRows condRows = BatchRows.of(sigma, batch, true);
        BatchRows uncondRows = BatchRows.of(sigma, batch, false);
        if (scale == 1) {
            return model.denoise(x, sigma, cond, condRows);
        }
        if (scale == 0) {
            return model.denoise(x, sigma, uncond, uncondRows);
        }
        NDArray u;
        NDArray c;
        if (uncond.batchesWith(cond)) {
            NDArray both = model.denoise(x.concat(x), sigma, uncond.concat(cond), uncondRows.then(condRows));
            NDList halves = both.split(2);
            u = halves.get(0);
            c = halves.get(1);
        } else {
            // Prompts of different lengths (a long prompt is encoded in several 77-token chunks) cannot
            // share a batch. AUTOMATIC1111 pads the shorter one with extra empty-prompt chunks, which
            // changes what cross-attention sees; two passes give the exact guidance instead.
            u = model.denoise(x, sigma, uncond, uncondRows);
            c = model.denoise(x, sigma, cond, condRows);
        }
        return u.add(c.sub(u).mul(scale));
    }
}
