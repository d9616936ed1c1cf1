package studio.app.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import studio.engine.model.DiffusionModel;
import studio.engine.pipeline.TextConditioning;
import studio.engine.sampling.Conditioning;
import studio.engine.text.TokenChunk;

/**
 * The inputs the per-operation timings use, made once per case and exported for the PyTorch side:
 * the prompt pair's token ids and encodings, one sampling step's U-Net input (batch 2, as a
 * guided step runs it) and a latent to decode. Seeded, so reruns time the same numbers.
 */
final class BenchInputs implements AutoCloseable {
    final NDManager manager = NDManager.newBaseManager();
    final int[] condIds;
    final int[] uncondIds;
    /** (1, 77, width) each: what the text encoder makes of the prompt and the negative prompt. */
    final NDArray textCond;
    final NDArray textUncond;
    /** (2, C, h, w), (2), (2, 77, width): one guided step's network call. */
    final NDArray unetX;
    final NDArray unetT;
    final NDArray unetContext;
    /** (2, adm): SDXL's conditioning vector for the same call, else null. */
    final NDArray unetVector;
    /** (1, C, h, w): a latent for the VAE decoder (already divided by the latent scale). */
    final NDArray vaeLatent;

    BenchInputs(DiffusionModel model, BenchCase c) {
        condIds = ids(model, BenchCase.PROMPT);
        uncondIds = ids(model, BenchCase.NEGATIVE);
        Conditioning[] pair = TextConditioning.encodePair(model, BenchCase.PROMPT, BenchCase.NEGATIVE, 1, c.width(),
                c.height(), manager);
        textUncond = pair[0].context();
        textCond = pair[1].context();
        unetVector = pair[0].vector() == null ? null : pair[0].vector().concat(pair[1].vector());
        int f = model.vaeFactor();
        Shape latent = new Shape(1, model.latentChannels(), c.height() / f, c.width() / f);
        JniUtils.setSeed(BenchCase.SEED);
        NDArray noise = manager.randomNormal(latent);
        unetX = noise.concat(noise);
        // the middle of the schedule; the cost of a step does not depend on the timestep
        unetT = manager.create(new float[] {500f, 500f});
        unetContext = textUncond.concat(textCond);
        vaeLatent = manager.randomNormal(latent);
    }

    private static int[] ids(DiffusionModel model, String prompt) {
        TokenChunk chunk = model.tokenizer().encodeWeighted(prompt).get(0);
        return chunk.ids().clone();
    }

    NDArray unetStep(DiffusionModel model) {
        return model.unet().forward(unetX, unetT, unetContext, unetVector, () -> { });
    }

    NDArray vaeDecode(DiffusionModel model) {
        return model.vae().decode(vaeLatent);
    }

    /** The prompt and negative prompt through the text encoder, as every generation starts. */
    void encodeText(DiffusionModel model) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            TextConditioning.encodePair(model, BenchCase.PROMPT, BenchCase.NEGATIVE, 1, 512, 512, manager);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
