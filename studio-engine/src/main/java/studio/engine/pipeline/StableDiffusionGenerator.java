package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Generator;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.DiffusionModel;
import studio.engine.sampling.ModelFn;

/**
 * Text-to-image: 1. resolve the model, 2. encode prompt and negative prompt, 3. for each batch item
 * draw the seed's noise, 4. run the sampler with classifier-free guidance, reporting a preview each
 * step, 5. decode with the VAE.
 */
public final class StableDiffusionGenerator implements Generator {
    private final ModelRepository models;

    public StableDiffusionGenerator(ModelRepository models) {
        this.models = models;
    }

    @Override
    public List<RgbImage> generate(GenerationRequest request, Progress progress) {
        LoadedModel loaded = models.get(request.modelId());
        DiffusionModel model = loaded.model();
        int f = model.vaeFactor();
        if (request.width() % f != 0 || request.height() % f != 0) {
            throw new InvalidRequestException("width and height must be multiples of " + f + " for this model, got "
                    + request.width() + "x" + request.height());
        }
        List<RgbImage> images = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] text = TextConditioning.encodePair(model, request.prompt(), request.negativePrompt(),
                    request.clipSkip(), m);
            ModelFn guided = guidance(model, request.guidanceScale());
            NDArray context = request.guidanceScale() == 1.0 ? text[1] : NDArrays.concat(new NDList(text[0], text[1]), 0);
            Shape latentShape = new Shape(1, model.latentChannels(), request.height() / f, request.width() / f);
            for (int item = 0; item < request.batchSize(); item++) {
                progress.checkCancelled();
                NDArray noise = seededNoise(m, request.seed() + item, latentShape);
                int batchIndex = item;
                NDArray latent = new InterimDdim().sample(guided, noise, context, request.steps(), model.prediction(),
                        (i, n, x, x0) -> {
                            boolean full = request.previewEvery() > 0 && (i % request.previewEvery() == 0 || i == n);
                            progress.step(batchIndex, i, n, () -> full ? decode(model, x0) : loaded.preview().render(x0), full);
                        });
                images.add(decode(model, latent));
            }
        }
        return images;
    }

    /** {@code torch.manual_seed(seed); torch.randn(shape)} on the CPU, as other SD tools draw it. */
    static NDArray seededNoise(NDManager manager, long seed, Shape shape) {
        JniUtils.setSeed(seed);
        return manager.randomNormal(shape);
    }

    private static RgbImage decode(DiffusionModel model, NDArray latent) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            return Tensors.toImage(model.vae().decode(latent.div(model.latentScale())));
        }
    }

    /** u + s·(c − u) with both passes in one U-Net call; scale 1 runs the conditional pass only. */
    private static ModelFn guidance(DiffusionModel model, double scale) {
        if (scale == 1.0) {
            return (x, t, c) -> model.unet().forward(x, t, c);
        }
        float s = (float) scale;
        return (x, t, c) -> {
            NDArray out = model.unet().forward(x.concat(x, 0), t.concat(t, 0), c);
            NDList parts = out.split(2, 0);
            NDArray u = parts.get(0);
            return u.add(parts.get(1).sub(u).mul(s));
        };
    }
}
