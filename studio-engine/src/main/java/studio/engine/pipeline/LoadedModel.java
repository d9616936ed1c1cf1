package studio.engine.pipeline;

import studio.engine.model.DiffusionModel;
import studio.engine.model.lora.LoraPatcher;

/**
 * A model together with what the pipeline derives from it once: the fitted preview projection and
 * what a VAE decode costs (for the automatic preview plan), the LoRAs merged into it now, and the
 * latents of the last pictures its VAE encoded.
 */
public record LoadedModel(DiffusionModel model, LatentPreview preview, DecodeCost decodeCost, LoraPatcher loras,
                          EncodedImages encoded) implements AutoCloseable {
    public static LoadedModel of(DiffusionModel model) {
        return new LoadedModel(model, LatentPreview.fit(model.vae(), model.latentScale(), 1234), DecodeCost.calibrate(model),
                new LoraPatcher(model), new EncodedImages());
    }

    @Override
    public void close() {
        encoded.close();
        model.close();
    }
}
