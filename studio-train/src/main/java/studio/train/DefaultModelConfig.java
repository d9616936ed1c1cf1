package studio.train;

import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;

/**
 * The architecture of the default emoji model, sized for about 2.5 hours of training on a 2-core CPU
 * (see its model card for the measurements behind these numbers): 64 px pictures, a 4× KL autoencoder
 * (16×16×4 latents), a three-level U-Net with cross-attention at 8×8 and 4×4, and a two-layer
 * CLIP-style text encoder over the caption words.
 */
public final class DefaultModelConfig {
    public static final int IMAGE_SIZE = 64;
    public static final int CONTEXT_LENGTH = 16;
    public static final int TEXT_WIDTH = 128;

    private DefaultModelConfig() {
    }

    public static VaeConfig vae() {
        return new VaeConfig(32, new int[] {1, 2, 2}, 1, 4, 4, 1f);
    }

    public static UNetConfig unet() {
        return new UNetConfig(4, 4, 64, new int[] {1, 2, 2}, 1, new int[] {2, 4}, 4, -1, 1, TEXT_WIDTH, false);
    }

    public static TextEncoderConfig text(int vocabSize) {
        return new TextEncoderConfig(vocabSize, TEXT_WIDTH, 2, 4, CONTEXT_LENGTH, TEXT_WIDTH);
    }
}
