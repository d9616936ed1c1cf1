package studio.engine.pipeline;

import studio.engine.model.DiffusionModel;
import studio.engine.nn.taesd.TinyAutoencoder;

/**
 * The tiny autoencoders at hand, one per latent space: {@code taesd} for SD 1.x/2.x, {@code taesdxl}
 * for SDXL ({@link TinyAutoencoder.Variant}, from the file name: the weights have the same shapes).
 * SDXL's VAE encodes into another space, so each family gets its own; a model without one keeps
 * the linear/VAE previews.
 *
 * @param sd   TAESD for the SD 1.x/2.x latent space, or null
 * @param sdxl TAESDXL for SDXL's, or null
 */
public record Taesds(TinyAutoencoder sd, TinyAutoencoder sdxl) {
    public static final Taesds NONE = new Taesds(null, null);

    /** The one that speaks {@code model}'s latent space, or null. */
    public TinyAutoencoder forModel(DiffusionModel model) {
        TinyAutoencoder t = model.family().startsWith("SDXL") ? sdxl : sd;
        return t != null && t.fits(model.latentChannels(), model.vaeFactor()) ? t : null;
    }

    public boolean isEmpty() {
        return sd == null && sdxl == null;
    }

    /** These TAESDs (nulls skipped), each in the slot of its {@link TinyAutoencoder.Variant}; a later one wins. */
    public static Taesds of(TinyAutoencoder... taesds) {
        TinyAutoencoder sd = null;
        TinyAutoencoder sdxl = null;
        for (TinyAutoencoder t : taesds) {
            if (t != null && t.variant() == TinyAutoencoder.Variant.SDXL) {
                sdxl = t;
            } else if (t != null) {
                sd = t;
            }
        }
        return new Taesds(sd, sdxl);
    }
}
