package studio.engine.pipeline;

import studio.engine.model.DiffusionModel;

/** A model together with what the pipeline derives from it once (the fitted preview projection). */
public record LoadedModel(DiffusionModel model, LatentPreview preview) implements AutoCloseable {
    public static LoadedModel of(DiffusionModel model) {
        return new LoadedModel(model, LatentPreview.fit(model.vae(), model.latentScale(), 1234));
    }

    @Override
    public void close() {
        model.close();
    }
}
