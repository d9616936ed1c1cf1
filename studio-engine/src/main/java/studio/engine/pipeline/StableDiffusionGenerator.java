package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Generator;
import studio.engine.api.InpaintArea;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.DiffusionModel;
import studio.engine.sampling.CfgDenoiser;
import studio.engine.sampling.CompVisDenoiser;
import studio.engine.sampling.Denoiser;
import studio.engine.sampling.DiscreteSchedule;
import studio.engine.sampling.MaskedDenoiser;
import studio.engine.sampling.NoiseSource;
import studio.engine.sampling.SamplerSpec;
import studio.engine.sampling.Samplers;
import studio.engine.sampling.SamplingPlan;

/**
 * Runs a request through the model: 1. resolve the model and check the size, 2. prepare the edit
 * (init image, feathered mask), 3. encode prompt and negative prompt, 4. for each batch item draw the
 * seed's noise and sample with classifier-free guidance, reporting a preview each step, 5. decode
 * with the VAE, 6. composite edits over the original in pixel space.
 */
public final class StableDiffusionGenerator implements Generator {
    private final ModelRepository models;
    private final DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();

    public StableDiffusionGenerator(ModelRepository models) {
        this.models = models;
    }

    @Override
    public List<RgbImage> generate(GenerationRequest request, Progress progress) {
        // 1. Check what needs no model, then look the model up (loading it the first time) and check
        //    the request against it: its sides and its pixel budget.
        SamplerSpec spec = Samplers.byName(request.sampler());
        LoadedModel loaded = models.get(request.modelId());
        DiffusionModel model = loaded.model();
        request.validated(model.sizeRule());
        // 2. "Only masked" inpainting renders a crop around the mask (same model, same size) and pastes
        //    the result back.
        if (request.mask() != null && request.inpaintArea() == InpaintArea.MASKED) {
            return OnlyMaskedInpaint.run(request, progress, inner -> render(inner, loaded, spec, progress));
        }
        return render(request, loaded, spec, progress);
    }

    /** Steps 3 to 8 for a request already checked against its model. */
    private List<RgbImage> render(GenerationRequest request, LoadedModel loaded, SamplerSpec spec, Progress progress) {
        DiffusionModel model = loaded.model();
        int f = model.vaeFactor();
        // 3. The edit mode's pixels: init image and mask at the request's size.
        EditInputs edit = EditInputs.prepare(request);
        List<RgbImage> images = new ArrayList<>();
        // The scope also frees what an op puts on another manager (the weights' one, say): a request
        // leaves no native memory behind, whatever its tensors were attached to.
        try (NDScope requestScope = new NDScope(); NDManager m = NDManager.newBaseManager()) {
            requestScope.suppressNotUsedWarning();
            // 4. Encode the prompts: [uncond, cond], chunked and weighted as A1111 does.
            NDArray[] text = TextConditioning.encodePair(model, request.prompt(), request.negativePrompt(),
                    request.clipSkip(), m);
            // 5. Encode the init image (img2img, inpaint) to latents.
            LatentEdit latents = LatentEdit.encode(model, edit, request.width(), request.height(), m);
            Shape shape = new Shape(1, model.latentChannels(), request.height() / f, request.width() / f);
            // 6. The denoiser: the U-Net as k-diffusion sees it, with guidance and the inpainting mask.
            CompVisDenoiser network = new CompVisDenoiser(latents.modelFn(model), schedule, model.prediction());
            Denoiser guided = new CfgDenoiser(network, text[1], text[0], request.guidanceScale());
            Denoiser denoiser = latents.blendMask() == null ? guided
                    : new MaskedDenoiser(guided, latents.source(), latents.blendMask());
            // 7. The sampler's plan: all steps from noise, or the last ones from the noised init image.
            SamplingPlan plan = latents.source() == null
                    ? spec.txt2img(schedule, request.steps())
                    : spec.img2img(schedule, request.steps(), request.strength());
            // 8. Per batch item: sample from its own seed, decode, and composite into the edit's pixels.
            for (int item = 0; item < request.batchSize(); item++) {
                progress.checkCancelled();
                images.add(edit.composite(sampleOne(request, loaded, plan, denoiser, latents, shape, item, m, progress)));
            }
        }
        return images;
    }

    private static RgbImage sampleOne(GenerationRequest request, LoadedModel loaded, SamplingPlan plan, Denoiser denoiser,
                                      LatentEdit latents, Shape shape, int item, NDManager m, Progress progress) {
        DiffusionModel model = loaded.model();
        if (latents.source() != null && request.strength() == 0) {
            // Strength 0 repaints nothing: the init image through the VAE, with no noise at all.
            return decode(model, latents.source());
        }
        NoiseSource noise = NoiseSource.seeded(m, request.itemSeed(item));
        NDArray first = noise.next(shape);
        NDArray x = latents.source() == null ? plan.initialLatent(first) : plan.noiseTo(latents.source(), first);
        if (plan.steps() == 0) {
            return decode(model, plan.finalLatent(x));
        }
        long latentPixels = shape.get(2) * shape.get(3);
        PreviewPlan previews = new PreviewPlan(request.previewEvery(), plan.steps(), loaded.decodeCost(), latentPixels);
        NDArray out = plan.sample(denoiser, x, noise, (i, n, xi, denoised) -> {
            int step = i + 1;
            boolean full = previews.fullDecodeAt(step);
            progress.step(item, step, n, full ? () -> previews.timed(() -> previewDecode(model, denoised))
                    : () -> loaded.preview().render(denoised), full);
        });
        long start = System.nanoTime();
        RgbImage image = decode(model, plan.finalLatent(out));
        loaded.decodeCost().record(System.nanoTime() - start, latentPixels);
        return image;
    }

    /** A VAE preview: no finiteness check (a broken latent shows as a broken preview, then fails at the end). */
    private static RgbImage previewDecode(DiffusionModel model, NDArray latent) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return Tensors.toImage(model.vae().decode(latent.div(model.latentScale())));
        }
    }

    /** Scaled latent → pixels through the VAE; a non-finite latent fails with a clear message. */
    static RgbImage decode(DiffusionModel model, NDArray latent) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (latent.isNaN().any().getBoolean() || latent.isInfinite().any().getBoolean()) {
                throw new IllegalStateException("the latent became NaN or infinite during sampling; "
                        + "try fewer steps, a lower guidance scale or another sampler");
            }
            return Tensors.toImage(model.vae().decode(latent.div(model.latentScale())));
        }
    }
}
