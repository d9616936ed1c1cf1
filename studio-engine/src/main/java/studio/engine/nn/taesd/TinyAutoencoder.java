package studio.engine.nn.taesd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.Objects;
import studio.engine.nn.Precision;

/**
 * A loaded TAESD: its decoder, its encoder when the file(s) held one, and the manager that owns their
 * weights. Both work on latents in U-Net scale (TAESD's scale factor is 1) and images in [0, 1].
 * Thread-safe for inference (weights are only read).
 */
public final class TinyAutoencoder implements AutoCloseable {

    /** Which latent space a TAESD was distilled for; same architecture, different weights. */
    public enum Variant {
        /** {@code taesd_*}: Stable Diffusion 1.x and 2.x. */
        SD("taesd"),
        /** {@code taesdxl_*}: SDXL. */
        SDXL("taesdxl");

        private final String filePrefix;

        Variant(String filePrefix) {
            this.filePrefix = filePrefix;
        }

        public String filePrefix() {
            return filePrefix;
        }

        /**
         * The variant a file name announces. The weights alone cannot tell (identical shapes), so like
         * taesd.py this goes by the name the files are published under; anything else counts as SD.
         */
        public static Variant fromFileName(String name) {
            return name.toLowerCase(Locale.ROOT).contains(SDXL.filePrefix) ? SDXL : SD;
        }
    }

    private final Variant variant;
    private final TaesdDecoder decoder;
    private final TaesdEncoder encoder;
    private final NDManager weights;
    private final String description;

    /**
     * @param decoder     required: previews and draft decodes are what TAESD is for
     * @param encoder     null when only a decoder was loaded
     * @param weights     the manager holding both modules' weights; closed with this
     * @param description where the weights came from, for messages
     */
    public TinyAutoencoder(Variant variant, TaesdDecoder decoder, TaesdEncoder encoder, NDManager weights,
                           String description) {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.encoder = encoder;
        this.weights = Objects.requireNonNull(weights, "weights");
        this.description = description;
    }

    public Variant variant() {
        return variant;
    }

    /** Latent channels it decodes: 4 for SD and SDXL. */
    public int latentChannels() {
        return decoder.latentChannels();
    }

    /**
     * Whether it can stand in for a VAE with this latent width and downsampling factor. TAESD always
     * scales by 8; a model with another VAE (the built-in one, the test models) has another latent
     * space altogether, where its decodes would be noise.
     */
    public boolean fits(int vaeLatentChannels, int vaeFactor) {
        return vaeLatentChannels == latentChannels() && vaeFactor == TaesdDecoder.FACTOR;
    }

    public boolean hasEncoder() {
        return encoder != null;
    }

    /** (B, C, h, w) U-Net-scale latent → (B, 3, 8h, 8w) RGB, roughly [0, 1] and not clamped; fp32 arithmetic. */
    public NDArray decode(NDArray latent) {
        return decode(latent, Precision.FP32);
    }

    /**
     * As {@link #decode(NDArray)}, computing in the type {@code precision} computes in (bf16 where the
     * CPU has bf16 instructions: the weights, held in fp32, are converted per layer; the convolutions at
     * full image size then run about twice as fast). The result is fp32.
     */
    public NDArray decode(NDArray latent, Precision precision) {
        NDArray in = precision.activations(latent.toType(DataType.FLOAT32, false));
        return Precision.backToFloat32(decoder.forward(in));
    }

    /** (B, 3, H, W) RGB in [0, 1] → (B, C, H/8, W/8) U-Net-scale latent. */
    public NDArray encode(NDArray rgb01) {
        if (encoder == null) {
            throw new IllegalStateException(description + " holds no TAESD encoder; give the taesd_encoder file too");
        }
        return encoder.forward(rgb01.toType(DataType.FLOAT32, false));
    }

    @Override
    public String toString() {
        return "TAESD " + variant.filePrefix() + " (" + description + (encoder == null ? ", decoder only" : "") + ")";
    }

    @Override
    public void close() {
        weights.close();
    }
}
