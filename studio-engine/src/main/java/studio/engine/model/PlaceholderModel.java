package studio.engine.model;

import studio.engine.sampling.Prediction;

import ai.djl.ndarray.NDManager;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;
import studio.engine.text.HashingWordTokenizer;

/**
 * A small model of the SD architecture with random weights from a fixed seed: the default until
 * the project's own trained model ships. It exercises every block of the real path (text encoder,
 * cross-attention U-Net, sampler, 8× VAE decoder) but draws no recognisable pictures.
 */
public final class PlaceholderModel {
    public static final long SEED = 20261122L;
    private static final int CONTEXT = 64;

    private PlaceholderModel() {
    }

    public static UNetConfig unetConfig() {
        return new UNetConfig(4, 4, 32, new int[] {1, 2}, 1, new int[] {1, 2}, 4, -1, 1, CONTEXT, false);
    }

    public static VaeConfig vaeConfig() {
        return new VaeConfig(32, new int[] {1, 2, 2, 2}, 1, 4, 4, 1.0f);
    }

    public static TextEncoderConfig textConfig() {
        return new TextEncoderConfig(4096, CONTEXT, 2, 4, 77, CONTEXT);
    }

    public static DiffusionModel create() {
        NDManager weights = NDManager.newBaseManager();
        try {
            ClipTextModel text = new ClipTextModel(textConfig());
            UNetModel unet = new UNetModel(unetConfig());
            AutoencoderKL vae = new AutoencoderKL(vaeConfig());
            RandomInit.initialise(text, weights, SEED);
            RandomInit.initialise(unet, weights, SEED + 1);
            RandomInit.initialise(vae, weights, SEED + 2);
            return new DiffusionModel("default (random placeholder)", "placeholder",
                    new HashingWordTokenizer(textConfig().vocabSize(), 77), text, unet, vae, Prediction.EPSILON,
                    vaeConfig().scaleFactor(), weights);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }
}
