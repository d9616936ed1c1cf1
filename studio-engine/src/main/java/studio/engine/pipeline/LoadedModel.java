package studio.engine.pipeline;

import studio.engine.model.DiffusionModel;
import studio.engine.model.lora.LoraPatcher;

/**
 * A model together with what the pipeline derives from it once: the fitted preview projection and
 * what a VAE decode costs (for the automatic preview plan), and the LoRAs merged into it now.
 */
public record LoadedModel(DiffusionModel model, LatentPreview preview, DecodeCost decodeCost, LoraPatcher loras)
        implements AutoCloseable {
    public static LoadedModel of(DiffusionModel model) {
        return new LoadedModel(model, LatentPreview.fit(model.vae(), model.latentScale(), 1234), DecodeCost.calibrate(model),
                new LoraPatcher(model));
    }

    @Override
    public void close() {
        model.close();
    }
}
