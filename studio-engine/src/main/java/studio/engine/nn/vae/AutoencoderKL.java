package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;
import studio.engine.nn.Precision;

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
    private Precision precision = Precision.FP32;

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

    /** Declares the type of the loaded weights, which the decoder's activations follow (see {@link Precision}). */
    public void weightsIn(Precision p) {
        this.precision = p;
    }

    /**
     * Latent → image (fp32); in overlapping tiles when the latent is larger than 64×64 (see
     * {@link TiledDecode}). Under bf16 with bf16 arithmetic the decoder computes in bf16: at 512×512 its
     * activations are the largest of a run (128 channels at full size), so this halves the decode's
     * memory as well as its time. The encoder stays fp32: it runs once per source image, not per picture.
     */
    public NDArray decode(NDArray latent) {
        NDArray z = precision.activations(latent);
        NDArray image = TiledDecode.needed(z.getShape()) ? decodeTiled(z, TiledDecode.TILE, TiledDecode.OVERLAP)
                : decodeWhole(z);
        if (z != latent) {
            z.close();
        }
        return Precision.backToFloat32(image);
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
