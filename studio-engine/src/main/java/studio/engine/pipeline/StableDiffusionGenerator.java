package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Generator;
import studio.engine.api.InpaintArea;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.api.Variation;
import studio.engine.image.RgbImage;
import studio.engine.model.ControlNet;
import studio.engine.model.DiffusionModel;
import studio.engine.model.EmbeddingFolder;
import studio.engine.nn.NativeHeap;
import studio.engine.nn.Ops;
import studio.engine.nn.Precision;
import studio.engine.nn.taesd.TinyAutoencoder;
import studio.engine.sampling.CfgDenoiser;
import studio.engine.sampling.CompVisDenoiser;
import studio.engine.sampling.Conditioning;
import studio.engine.sampling.Denoiser;
import studio.engine.sampling.DiscreteSchedule;
import studio.engine.sampling.Lcm;
import studio.engine.sampling.MaskedDenoiser;
import studio.engine.sampling.NoiseSource;
import studio.engine.sampling.VariationNoise;
import studio.engine.sampling.SamplerSpec;
import studio.engine.sampling.Samplers;
import studio.engine.sampling.SamplingPlan;
import studio.engine.text.PromptTags;
import studio.engine.text.TextualInversions;

/**
 * Runs a request through the model: 1. resolve the model and check the size, 2. prepare the edit
 * (init image, feathered mask), 3. encode prompt and negative prompt, 4. for each batch item draw the
 * seed's noise and sample with classifier-free guidance, reporting a preview each step, 5. decode
 * with the VAE, 6. composite edits over the original in pixel space.
 *
 * <p>With a TAESD, every wanted preview is a TAESD decode instead of the linear projection or a VAE
 * decode, and {@link FinalDecoder#TAESD} makes it decode the result too.
 */
public final class StableDiffusionGenerator implements Generator {
    private final ModelRepository models;
    private final DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();
    private final Taesds taesds;
    private final FinalDecoder finalDecoder;
    /** Whether each request sets its thread's libtorch thread count by its size ({@link IntraOpThreads}). */
    private final boolean threadsByWork;

    public StableDiffusionGenerator(ModelRepository models) {
        this(models, Taesds.NONE, FinalDecoder.VAE);
    }

    /**
     * @param taesd        the tiny autoencoder for previews (and drafts), for the latent space of its variant,
     *                     or null for the linear/VAE previews; not closed here
     * @param finalDecoder what decodes results; {@link FinalDecoder#TAESD} needs a {@code taesd}
     */
    public StableDiffusionGenerator(ModelRepository models, TinyAutoencoder taesd, FinalDecoder finalDecoder) {
        this(models, Taesds.of(taesd), finalDecoder);
    }

    /**
     * @param taesds       the tiny autoencoders for previews (and drafts), one per latent space; not closed here
     * @param finalDecoder what decodes results; {@link FinalDecoder#TAESD} needs a TAESD
     */
    public StableDiffusionGenerator(ModelRepository models, Taesds taesds, FinalDecoder finalDecoder) {
        this(models, taesds, finalDecoder, true);
    }

    private StableDiffusionGenerator(ModelRepository models, Taesds taesds, FinalDecoder finalDecoder,
                                     boolean threadsByWork) {
        if (finalDecoder == FinalDecoder.TAESD && taesds.isEmpty()) {
            throw new IllegalArgumentException("decoding results with TAESD needs a TAESD");
        }
        this.models = models;
        this.taesds = taesds;
        this.finalDecoder = finalDecoder;
        this.threadsByWork = threadsByWork;
    }

    /**
     * This generator, but leaving the calling thread's libtorch thread count as the caller set it (a
     * benchmark that times each count); otherwise every request picks one by its size.
     */
    public StableDiffusionGenerator withCallersThreadCount() {
        return new StableDiffusionGenerator(models, taesds, finalDecoder, false);
    }

    @Override
    public List<RgbImage> generate(GenerationRequest request, Progress progress) {
        Ops.inferenceOnThisThread();
        // 1. Check what needs no model, then look the model up (loading it the first time) and check
        //    the request against it: its sides and its pixel budget.
        SamplerSpec spec = Samplers.byName(request.sampler());
        models.usePrecision(Precision.parse(request.precision()));
        LoadedModel loaded = models.get(request.modelId());
        DiffusionModel model = loaded.model();
        request.validated(model.sizeRule());
        // The request's LoRAs merged into the weights (undone first when they differ from the last
        // request's; nothing to do when they are the same).
        loaded.loras().use(request.loras());
        // 2. "Only masked" inpainting renders a crop around the mask (same model, same size) and pastes
        //    the result back.
        if (request.mask() != null && request.inpaintArea() == InpaintArea.MASKED) {
            return OnlyMaskedInpaint.run(request, progress, inner -> render(inner, loaded, spec, progress));
        }
        if (finalDecoder == FinalDecoder.TAESD && !taesdFits(model)) {
            boolean sdxl = model.family().startsWith("SDXL");
            throw new InvalidRequestException(sdxl && taesds.sdxl() == null
                    ? "the model is SDXL, whose latents only TAESDXL decodes; give a taesdxl_decoder.safetensors, "
                    + "or decode it with the VAE"
                    : "the TAESD given does not decode this model's latents (" + model.latentChannels()
                    + " channels at " + model.vaeFactor() + "x); decode it with the VAE");
        }
        return render(request, loaded, spec, progress);
    }

    /** Steps 3 to 8 for a request already checked against its model. */
    private List<RgbImage> render(GenerationRequest request, LoadedModel loaded, SamplerSpec spec, Progress progress) {
        DiffusionModel model = loaded.model();
        int f = model.vaeFactor();
        // 3. The edit mode's pixels: init image and mask at the request's size.
        EditInputs edit = EditInputs.prepare(request);
        // The ControlNets, loaded outside the request's scope (it would free their weights).
        List<ControlNet> nets = models.controlNets(request.controls().stream().map(ControlUnit::model).toList());
        if (threadsByWork) {
            IntraOpThreads.setFor(model, nets, request.width(), request.height());
        }
        List<RgbImage> images = new ArrayList<>();
        // The scope also frees what an op puts on another manager (the weights' one, say): a request
        // leaves no native memory behind, whatever its tensors were attached to.
        try (NDScope requestScope = new NDScope(); NDManager m = NDManager.newBaseManager()) {
            requestScope.suppressNotUsedWarning();
            // 4. Encode the prompts: [uncond, cond], chunked and weighted as A1111 does.
            //    Textual-inversion words take their vectors; <lora:...> tags are removed (their LoRAs are merged).
            EmbeddingFolder folder = request.embeddingFolder() == null ? null
                    : new EmbeddingFolder(Path.of(request.embeddingFolder()));
            TextualInversions words = folder == null ? TextualInversions.NONE : folder.forModel(model);
            TextualInversions words2 = folder == null ? TextualInversions.NONE : folder.forSecondEncoder(model);
            Conditioning[] text = TextConditioning.encodePair(model, PromptTags.strip(request.prompt()),
                    request.negativePrompt(), request.clipSkip(), words, words2, request.width(), request.height(), m);
            // 5. Encode the init image (img2img, inpaint) to latents (once for a picture the model encoded last).
            LatentEdit latents = LatentEdit.encode(model, loaded.encoded(), edit, request.width(), request.height(), m);
            Shape shape = new Shape(1, model.latentChannels(), request.height() / f, request.width() / f);
            // 6. The sampler's plan: all steps from noise, or the last ones from the noised init image.
            SamplingPlan plan = latents.source() == null
                    ? spec.txt2img(schedule, request.steps())
                    : spec.img2img(schedule, request.steps(), request.strength());
            // 7. The denoiser: the U-Net as k-diffusion sees it (cancellable between its blocks), steered
            //    by the ControlNets over the plan's steps, with guidance and the inpainting mask.
            ControlSteering controls = nets.isEmpty() ? ControlSteering.none()
                    : ControlSteering.prepare(request, nets, model, plan.sigmas(), m);
            CompVisDenoiser network = new CompVisDenoiser(latents.modelFn(model, controls, progress::checkCancelled),
                    schedule, model.prediction());
            double guidance = spec == Samplers.LCM ? Lcm.guidance(request.guidanceScale()) : request.guidanceScale();
            Denoiser guided = new CfgDenoiser(network, text[1], text[0], guidance);
            Denoiser denoiser = latents.blendMask() == null ? guided
                    : new MaskedDenoiser(guided, latents.source(), latents.blendMask());
            // 8. Per batch item: sample from its own seed, decode, and composite into the edit's pixels.
            for (int item = 0; item < request.batchSize(); item++) {
                progress.checkCancelled();
                images.add(edit.composite(sampleOne(request, loaded, plan, denoiser, latents, shape, item, m, progress)));
            }
        }
        return images;
    }

    private RgbImage sampleOne(GenerationRequest request, LoadedModel loaded, SamplingPlan plan, Denoiser denoiser,
                                      LatentEdit latents, Shape shape, int item, NDManager m, Progress progress) {
        DiffusionModel model = loaded.model();
        if (latents.source() != null && request.strength() == 0) {
            // Strength 0 repaints nothing: the init image through the VAE, with no noise at all.
            return finalDecode(model, latents.source());
        }
        // A1111 draws the variation seed's noise first, then the seed's, whose stream the sampler continues.
        Variation variation = request.variation().item(item);
        NDArray varied = variation.active() ? NoiseSource.seeded(m, variation.seed()).next(shape) : null;
        NoiseSource noise = NoiseSource.seeded(m, request.itemSeed(item));
        NDArray first = noise.next(shape);
        if (varied != null) {
            first = VariationNoise.blend(variation.strength(), first, varied);
        }
        NDArray x = latents.source() == null ? plan.initialLatent(first) : plan.noiseTo(latents.source(), first);
        if (plan.steps() == 0) {
            return finalDecode(model, plan.finalLatent(x));
        }
        long latentPixels = shape.get(2) * shape.get(3);
        PreviewPlan previews = new PreviewPlan(request.previewEvery(), plan.steps(), loaded.decodeCost(), latentPixels);
        NDArray out = plan.sample(denoiser, x, noise, (i, n, xi, denoised) -> {
            int step = i + 1;
            progress.step(item, step, n, progress.wantsPreviews()
                    ? preview(loaded, previews, denoised, step, request.previewEvery()) : null);
        });
        NativeHeap.trim(); // the steps' freed activations go back before the decode allocates (see NativeHeap)
        if (finalDecoder == FinalDecoder.TAESD) {
            return finalDecode(model, plan.finalLatent(out));
        }
        long start = System.nanoTime();
        RgbImage image = decode(model, plan.finalLatent(out));
        loaded.decodeCost().record(System.nanoTime() - start, latentPixels);
        return image;
    }

    /** A step's preview: a VAE decode when the plan says one is due and no TAESD fits, else a cheap one. */
    private Preview preview(LoadedModel loaded, PreviewPlan previews, NDArray denoised, int step, int previewEvery) {
        DiffusionModel model = loaded.model();
        boolean full = !taesdFits(model) && previews.fullDecodeAt(step);
        long start = System.nanoTime();
        RgbImage image = full ? previews.timed(() -> previewDecode(model, denoised))
                : cheapPreview(loaded, denoised, previewEvery);
        return new Preview(image, full, java.time.Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * A step's preview when no VAE decode is due: TAESD when there is one and the request wants
     * previews (interval 0 means nobody looks: the microsecond projection then), else the projection.
     */
    private RgbImage cheapPreview(LoadedModel loaded, NDArray denoised, int previewEvery) {
        return taesdFits(loaded.model()) && previewEvery != 0
                ? TaesdImages.preview(taesds.forModel(loaded.model()), denoised, loaded.model().unet().precision())
                : loaded.preview().render(denoised);
    }

    /** Whether a TAESD speaks this model's latent space (else the previews fall back). */
    private boolean taesdFits(DiffusionModel model) {
        return taesds.forModel(model) != null;
    }

    /** The result image through the configured final decoder. */
    private RgbImage finalDecode(DiffusionModel model, NDArray latent) {
        if (finalDecoder == FinalDecoder.TAESD) {
            requireFinite(latent);
            return TaesdImages.decode(taesds.forModel(model), latent, model.unet().precision());
        }
        return decode(model, latent);
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
            requireFinite(latent);
            return Tensors.toImage(model.vae().decode(latent.div(model.latentScale())));
        }
    }

    private static void requireFinite(NDArray latent) {
        if (latent.isNaN().any().getBoolean() || latent.isInfinite().any().getBoolean()) {
            throw new IllegalStateException("the latent became NaN or infinite during sampling; "
                    + "try fewer steps, a lower guidance scale or another sampler");
        }
    }
}
