package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;

/**
 * The KL autoencoder of latent diffusion; keys encoder.*, decoder.*, quant_conv, post_quant_conv.
 * Images are (B, 3, H, W) in [-1, 1]; latents (B, embedDim, H/f, W/f), unscaled (the pipeline applies
 * the scale factor).
 */
public final class AutoencoderKL extends Module {
    private final VaeConfig config;
    private final Encoder encoder;
    private final Decoder decoder;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;

    public AutoencoderKL(VaeConfig config) {
        this.config = config;
        encoder = child("encoder", new Encoder(config));
        decoder = child("decoder", new Decoder(config));
        quantConv = child("quant_conv", Conv2d.same(2 * config.zChannels(), 2 * config.embedDim(), 1));
        postQuantConv = child("post_quant_conv", Conv2d.same(config.embedDim(), config.zChannels(), 1));
    }

    public VaeConfig config() {
        return config;
    }

    /** Mean and log-variance of the posterior, concatenated on the channel axis: (B, 2·embedDim, h, w). */
    public NDArray moments(NDArray image) {
        return quantConv.forward(encoder.forward(image));
    }

    /** Mean of the posterior (what img2img and inpainting use). */
    public NDArray encodeMean(NDArray image) {
        return moments(image).split(2, 1).get(0);
    }

    /** Latent → image; in overlapping tiles when the latent is larger than 64×64 (see {@link TiledDecode}). */
    public NDArray decode(NDArray latent) {
        if (TiledDecode.needed(latent.getShape())) {
            return decodeTiled(latent, TiledDecode.TILE, TiledDecode.OVERLAP);
        }
        return decodeWhole(latent);
    }

    /** The whole latent in one pass, whatever its size. */
    public NDArray decodeWhole(NDArray latent) {
        return decoder.forward(postQuantConv.forward(latent));
    }

    /** In tiles of {@code tile} latent pixels overlapping by {@code overlap}. */
    public NDArray decodeTiled(NDArray latent, int tile, int overlap) {
        return TiledDecode.decode(latent, this::decodeWhole, config.downsamplingFactor(), tile, overlap);
    }
}
