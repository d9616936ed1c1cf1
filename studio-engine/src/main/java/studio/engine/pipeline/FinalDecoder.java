package studio.engine.pipeline;

import java.util.Locale;
import studio.engine.api.InvalidRequestException;

/** Which network turns the final latent into the result image. */
public enum FinalDecoder {
    /** The model's own VAE: full quality (the default). */
    VAE,
    /** The tiny autoencoder: a fraction of the VAE's cost at draft quality, for quick iterations. */
    TAESD;

    /** {@code vae} or {@code taesd}, ignoring case. */
    public static FinalDecoder parse(String name) {
        for (FinalDecoder d : values()) {
            if (d.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return d;
            }
        }
        throw new InvalidRequestException("the final decoder must be vae or taesd, got '" + name + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
