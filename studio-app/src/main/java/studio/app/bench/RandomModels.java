package studio.app.bench;

import ai.djl.ndarray.NDManager;
import studio.engine.model.DiffusionModel;
import studio.engine.model.RandomInit;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;
import studio.engine.sampling.Prediction;
import studio.engine.text.HashingWordTokenizer;

/** Builds the bench's randomly initialised models: seeded so the PyTorch reference sees the same weights. */
final class RandomModels {
    private RandomModels() {
    }

    static DiffusionModel build(String name, String family, TextEncoderConfig textConfig, UNetConfig unetConfig,
                                VaeConfig vaeConfig, long seed) {
        NDManager weights = NDManager.newBaseManager();
        try {
            ClipTextModel text = new ClipTextModel(textConfig);
            UNetModel unet = new UNetModel(unetConfig);
            AutoencoderKL vae = new AutoencoderKL(vaeConfig);
            RandomInit.initialise(text, weights, seed);
            RandomInit.initialise(unet, weights, seed + 1);
            RandomInit.initialise(vae, weights, seed + 2);
            return new DiffusionModel(name, family, new HashingWordTokenizer(textConfig.vocabSize(), 77), text, unet,
                    vae, Prediction.EPSILON, vaeConfig.scaleFactor(), weights);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }
}
