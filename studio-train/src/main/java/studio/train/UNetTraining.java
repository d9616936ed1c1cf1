package studio.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import studio.engine.model.DiffusionModel;
import studio.engine.model.RandomInit;
import studio.engine.nn.Param;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.sampling.DiscreteSchedule;
import studio.engine.sampling.Prediction;
import studio.engine.text.WordPromptTokenizer;
import studio.engine.text.WordVocabulary;

/**
 * Stage 2 of the LDM recipe: a text-conditioned U-Net on the frozen autoencoder's latents, scaled to
 * unit variance, trained jointly with a small CLIP-style text encoder over the caption words.
 * ε-prediction on SD's discrete schedule (scaled-linear betas, 1000 steps), so every sampler of the
 * studio works unchanged; 10% of captions are dropped to the empty prompt for classifier-free guidance.
 */
public final class UNetTraining {
    static final String LATENT_SCALE_KEY = "studio.latent_scale";

    public record Settings(int steps, int batch, float lr, float captionDropout, int logEvery, int checkpointEvery,
                           int sampleEvery, long seed) {
        public static Settings defaults() {
            return new Settings(4000, 32, 5e-4f, 0.1f, 50, 250, 1000, 1L);
        }
    }

    /** The trained parts, ready to sample from or export. */
    public record Parts(ClipTextModel text, UNetModel unet, AutoencoderKL vae, WordPromptTokenizer tokenizer,
                        float latentScale) {
        public DiffusionModel asModel(String name, NDManager owner) {
            return new DiffusionModel(name, "emoji LDM", tokenizer, text, unet, vae, Prediction.EPSILON, latentScale,
                    owner);
        }
    }

    private final Settings settings;
    private final Path workDir;
    private final PrintStream out;

    public UNetTraining(Settings settings, Path workDir, PrintStream out) {
        this.settings = settings;
        this.workDir = workDir;
        this.out = out;
    }

    public static Path checkpointFile(Path workDir) {
        return workDir.resolve("unet-checkpoint.safetensors");
    }

    public static Path vocabularyFile(Path workDir) {
        return workDir.resolve("vocabulary.json");
    }

    /** Unet and text parameters under one namespace for the optimiser: {@code unet.*}, {@code text.*}. */
    static Map<String, Param> trainable(UNetModel unet, ClipTextModel text) {
        Map<String, Param> all = new LinkedHashMap<>();
        unet.parameters().forEach((k, p) -> all.put("unet." + k, p));
        text.parameters().forEach((k, p) -> all.put("text." + k, p));
        return all;
    }

    public void run(ImageBank train, WordVocabulary vocabulary, boolean resume) throws IOException {
        run(AugmentedSet.of(train, AugmentedSet.Recipe.none()), vocabulary, resume);
    }

    /** Trains on a set with its augmented copies, drawn in the set's shares. */
    public void run(AugmentedSet set, WordVocabulary vocabulary, boolean resume) throws IOException {
        ImageBank train = set.bank();
        int[] groups = set.groupSizes();
        out.printf(Locale.ROOT, "pictures: %d originals, %d recoloured, %d moved%n", groups[0], groups[1], groups[2]);
        Path vaeCkpt = VaeTraining.checkpointFile(workDir);
        if (!Files.exists(vaeCkpt)) {
            throw new IllegalStateException("no autoencoder checkpoint at " + vaeCkpt + ": run 'studio train vae' first");
        }
        vocabulary.save(vocabularyFile(workDir));
        Path ckpt = checkpointFile(workDir);
        ZeroFilledAllocations.enableForTraining(out);
        try (NDManager weights = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(DefaultModelConfig.vae());
            TrainCheckpoint.loadWeights(vaeCkpt, vae.parameters(), "ema.", weights);
            long t0 = System.nanoTime();
            LatentBank latents = LatentBank.encode(vae, train, weights, 64);
            OptionalDouble kept = resume ? keptLatentScale(ckpt) : OptionalDouble.empty();
            float scale = kept.isPresent() ? (float) kept.getAsDouble() : latents.unitVarianceScale(settings.seed());
            out.printf(Locale.ROOT, "encoded %d pictures to latents %s in %.0f s; latent scale factor %.5f (%s)%n",
                    latents.count(), java.util.Arrays.toString(latents.latentShape()), (System.nanoTime() - t0) / 1e9,
                    scale, kept.isPresent() ? "from the checkpoint" : "measured");

            ClipTextModel text = new ClipTextModel(DefaultModelConfig.text(vocabulary.size()));
            UNetModel unet = new UNetModel(DefaultModelConfig.unet());
            RandomInit.initialise(text, weights, settings.seed() + 10);
            RandomInit.initialise(unet, weights, settings.seed() + 11);
            WordPromptTokenizer tokenizer = new WordPromptTokenizer(vocabulary, DefaultModelConfig.CONTEXT_LENGTH);
            Parts parts = new Parts(text, unet, vae, tokenizer, scale);
            out.printf(Locale.ROOT, "U-Net %,d parameters, text encoder %,d, autoencoder %,d (frozen)%n",
                    unet.parameterCount(), text.parameterCount(), vae.parameterCount());

            Map<String, Param> params = trainable(unet, text);
            AdamW.requireGradients(params);
            DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();
            int[][] captionIds = new int[train.count()][];
            for (int i = 0; i < train.count(); i++) {
                captionIds[i] = tokenizer.encodeWeighted(train.caption(i)).get(0).ids();
            }
            int[] emptyIds = tokenizer.encodeWeighted("").get(0).ids();
            try (AdamW adam = new AdamW(params, 0.9f, 0.999f, 1e-8f, 0.01f); Ema ema = new Ema(params, 0.999f)) {
                if (resume && Files.exists(ckpt)) {
                    TrainCheckpoint.load(ckpt, params, ema, adam);
                    out.println("resumed the U-Net at step " + adam.step());
                }
                Random random = new Random(settings.seed() * 131 + adam.step());
                Engine.getInstance().setRandomSeed((int) (settings.seed() * 7 + adam.step()));
                TrainLog log = new TrainLog(workDir.resolve("unet-log.csv"), "step,loss,grad_norm,lr", out, adam.step(),
                        settings.steps());
                double lossSum = 0;
                int n = 0;
                float gradNorm = 0;
                NonFiniteSteps nonFinite = new NonFiniteSteps("U-Net");
                int ctx = DefaultModelConfig.CONTEXT_LENGTH;
                while (adam.step() < settings.steps()) {
                    float lr = LearningRate.warmupCosine(adam.step(), settings.steps(), settings.lr(), 200);
                    try (NDScope scope = new NDScope()) {
                        int b = settings.batch();
                        int[] idx = set.draw(random, b);
                        NDArray z = latents.sample(weights, idx, set.mirrors(random, idx), scale);
                        float[] sqrtAc = new float[b];
                        float[] sqrtOneMinus = new float[b];
                        float[] ts = new float[b];
                        int[] ids = new int[b * ctx];
                        for (int i = 0; i < b; i++) {
                            int t = random.nextInt(schedule.size());
                            float ac = schedule.alphaCumprod(t);
                            ts[i] = t;
                            sqrtAc[i] = (float) Math.sqrt(ac);
                            sqrtOneMinus[i] = (float) Math.sqrt(1 - ac);
                            int[] c = random.nextFloat() < settings.captionDropout() ? emptyIds : captionIds[idx[i]];
                            System.arraycopy(c, 0, ids, i * ctx, ctx);
                        }
                        NDArray noise = weights.randomNormal(z.getShape());
                        Shape col = new Shape(b, 1, 1, 1);
                        NDArray xt = z.mul(weights.create(sqrtAc, col)).add(noise.mul(weights.create(sqrtOneMinus, col)));
                        NDArray loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray context = text.encode(weights.create(ids, new Shape(b, ctx)), 1);
                            NDArray eps = unet.forward(xt, weights.create(ts), context);
                            loss = eps.sub(noise).square().mean();
                            gc.backward(loss);
                        }
                        gradNorm = adam.update(lr, 1f);
                        float value = loss.getFloat();
                        if (!nonFinite.accept(value, gradNorm, adam.step())) {
                            continue;
                        }
                        ema.update();
                        lossSum += value;
                        n++;
                    }
                    long step = adam.step();
                    if (step % settings.logEvery() == 0 || step == settings.steps()) {
                        log.log(step, String.format(Locale.ROOT, "loss %.4f lr %.2e skipped %d", lossSum / n, lr, adam.skipped()),
                                lossSum / n, gradNorm, lr);
                        lossSum = 0;
                        n = 0;
                    }
                    if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
                        TrainCheckpoint.save(ckpt, params, ema, adam, Map.of("train.stage", "unet",
                                LATENT_SCALE_KEY, Float.toString(scale)));
                    }
                    if (step % settings.sampleEvery() == 0 || step == settings.steps()) {
                        Path png = workDir.resolve("samples").resolve(String.format(Locale.ROOT, "step-%06d.png", step));
                        renderSamples(parts, ema, vocabulary, png);
                        out.println("samples: " + png);
                    }
                }
            }
        }
    }

    /**
     * The latent scale a checkpoint was trained with, if there is one. A resumed run keeps it even when
     * it now sees other pictures (e.g. {@code --categories}): the U-Net has learnt latents of that size.
     */
    static OptionalDouble keptLatentScale(Path checkpoint) {
        if (!Files.exists(checkpoint)) {
            return OptionalDouble.empty();
        }
        String value = TrainCheckpoint.metadata(checkpoint).get(LATENT_SCALE_KEY);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(Float.parseFloat(value));
    }

    /**
     * Draws the fixed prompts with the EMA weights as they would ship: exported to a temporary
     * checkpoint and loaded back through the ordinary loader, so the grid shows exactly what users get.
     */
    private static void renderSamples(Parts parts, Ema ema, WordVocabulary vocabulary, Path png) throws IOException {
        Path dir = Files.createTempDirectory("emoji-ldm-samples-");
        try (NDManager m = NDManager.newBaseManager()) {
            UNetModel unet = new UNetModel(DefaultModelConfig.unet());
            ClipTextModel text = new ClipTextModel(DefaultModelConfig.text(vocabulary.size()));
            copy(ema.weights(), "unet.", unet.parameters(), m);
            copy(ema.weights(), "text.", text.parameters(), m);
            Path weights = dir.resolve("emoji-ldm.safetensors");
            ModelExport.write(weights, unet, parts.vae(), text, parts.latentScale(),
                    DefaultModelConfig.unet().numHeads(), text.config().heads(), Map.of());
            Path vocab = dir.resolve(ModelExport.TOKENIZER_FILE);
            vocabulary.save(vocab);
            SampleGrid.render(studio.engine.model.DefaultModel.loadFrom(weights, vocab), SampleGrid.PROMPTS, 4, 20, 5.0,
                    png);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void copy(Map<String, NDArray> from, String prefix, Map<String, Param> to, NDManager m) {
        to.forEach((k, p) -> p.set(m.create(from.get(prefix + k).toFloatArray(), p.shape())));
    }
}
