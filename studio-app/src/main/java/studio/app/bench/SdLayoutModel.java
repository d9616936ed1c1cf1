package studio.app.bench;

import studio.engine.model.DiffusionModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;

/**
 * A benchmark model with Stable Diffusion 1.x's exact layout at a fraction of its width, with seeded
 * random weights: the U-Net has SD 1.5's four levels, two ResBlocks per level, cross-attention at
 * the first three levels, 8 heads and a 768-wide text context, but 32 base channels instead of 320;
 * the VAE is SD's 8× autoencoder with 32 base channels instead of 128; the text encoder is a
 * 768-wide CLIP with 2 layers instead of 12. Every op SD runs is here, at a size a loaded 2-core
 * machine runs in seconds (a U-Net step of 64 base channels took about 8 s of CPU there).
 */
final class SdLayoutModel {
    static final long SEED = 31_415L;

    private SdLayoutModel() {
    }

    static UNetConfig unetConfig() {
        return new UNetConfig(4, 4, 32, new int[] {1, 2, 4, 4}, 2, new int[] {4, 2, 1}, 8, -1, 1, 768, false);
    }

    static VaeConfig vaeConfig() {
        return new VaeConfig(32, new int[] {1, 2, 4, 4}, 2, 4, 4, 0.18215f);
    }

    static TextEncoderConfig textConfig() {
        return new TextEncoderConfig(4096, 768, 2, 12, 77, 768);
    }

    static DiffusionModel create() {
        return RandomModels.build("SD 1.x layout, small (random)", "SD 1.x layout", textConfig(), unetConfig(), vaeConfig(), SEED);
    }
}
