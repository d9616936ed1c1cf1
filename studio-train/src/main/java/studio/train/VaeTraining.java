package studio.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import studio.engine.model.RandomInit;
import studio.engine.nn.Param;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;

/**
 * Stage 1 of the LDM recipe: the KL autoencoder, trained on pixels with L1 + L2 reconstruction and a
 * small KL term on the posterior (which keeps the latent space smooth enough to diffuse in). No
 * patch-GAN term: at 64 px and this budget it did not pay for itself (see the model card).
 */
public final class VaeTraining {
    /** Settings of a run; the defaults are the shipped model's. */
    public record Settings(int steps, int batch, int crop, float lr, float klWeight, int logEvery, int checkpointEvery,
                           int sampleEvery, long seed) {
        public static Settings defaults() {
            return new Settings(1700, 16, 32, 1e-3f, 1e-6f, 50, 250, 1000, 1L);
        }
    }

    private final VaeConfig config;
    private final Settings settings;
    private final Path workDir;
    private final PrintStream out;

    public VaeTraining(VaeConfig config, Settings settings, Path workDir, PrintStream out) {
        this.config = config;
        this.settings = settings;
        this.workDir = workDir;
        this.out = out;
    }

    public static Path checkpointFile(Path workDir) {
        return workDir.resolve("vae-checkpoint.safetensors");
    }

    /** Trains (or resumes) and returns the checkpoint file. */
    public Path run(ImageBank train, ImageBank heldout, boolean resume) throws IOException {
        Files.createDirectories(workDir);
        Path ckpt = checkpointFile(workDir);
        ZeroFilledAllocations.enableForTraining(out);
        try (NDManager weights = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(config);
            RandomInit.initialise(vae, weights, settings.seed());
            Map<String, Param> params = vae.parameters();
            AdamW.requireGradients(params);
            try (AdamW adam = new AdamW(params, 0.9f, 0.99f, 1e-8f, 0.01f); Ema ema = new Ema(params, 0.999f)) {
                if (resume && Files.exists(ckpt)) {
                    TrainCheckpoint.load(ckpt, params, ema, adam);
                    out.println("resumed the autoencoder at step " + adam.step());
                }
                Random random = new Random(settings.seed() * 31 + adam.step());
                Engine.getInstance().setRandomSeed((int) (settings.seed() + adam.step()));
                TrainLog log = new TrainLog(workDir.resolve("vae-log.csv"), "step,loss,l1,kl,grad_norm,psnr",
                        out, adam.step(), settings.steps());
                double lossSum = 0;
                double l1Sum = 0;
                double klSum = 0;
                int n = 0;
                NonFiniteSteps nonFinite = new NonFiniteSteps("Autoencoder");
                while (adam.step() < settings.steps()) {
                    float lr = LearningRate.warmupCosine(adam.step(), settings.steps(), settings.lr(), 200);
                    float gradNorm;
                    try (NDScope scope = new NDScope()) {
                        NDArray x = train.cropBatch(weights, train.sample(random, settings.batch()), settings.crop(), random);
                        VaeLoss loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            loss = VaeLoss.of(vae, x, settings.klWeight());
                            gc.backward(loss.total());
                        }
                        gradNorm = adam.update(lr, 1f);
                        float total = loss.total().getFloat();
                        if (!nonFinite.accept(total, gradNorm, adam.step())) {
                            continue;
                        }
                        ema.update();
                        lossSum += total;
                        l1Sum += loss.l1().getFloat();
                        klSum += loss.kl().getFloat();
                        n++;
                    }
                    long step = adam.step();
                    boolean evaluate = step % settings.sampleEvery() == 0 || step == settings.steps();
                    if (step % settings.logEvery() == 0 || evaluate) {
                        double psnr = evaluate ? heldoutPsnr(vae, ema, heldout, weights) : Double.NaN;
                        log.log(step, String.format(java.util.Locale.ROOT, "loss %.4f l1 %.4f kl %.2f skipped %d%s",
                                        lossSum / n, l1Sum / n, klSum / n, adam.skipped(),
                                        evaluate ? String.format(java.util.Locale.ROOT, " held-out PSNR %.2f dB", psnr) : ""),
                                lossSum / n, l1Sum / n, klSum / n, gradNorm, psnr);
                        lossSum = l1Sum = klSum = 0;
                        n = 0;
                    }
                    if (step % settings.checkpointEvery() == 0 || step == settings.steps()) {
                        TrainCheckpoint.save(ckpt, params, ema, adam, Map.of("train.stage", "vae"));
                    }
                }
                out.printf(java.util.Locale.ROOT, "autoencoder done: held-out PSNR (EMA) %.2f dB%n",
                        heldoutPsnr(vae, ema, heldout, weights));
            }
        }
        return ckpt;
    }

    /** PSNR of EMA-weight reconstructions (posterior mean) on held-out pictures, in dB over [0, 1] pixels. */
    static double heldoutPsnr(AutoencoderKL vae, Ema ema, ImageBank heldout, NDManager manager) {
        return Swap.withWeights(vae.parameters(), ema.weights(), () -> Reconstruction.psnr(vae, heldout, manager, 32));
    }
}
