package studio.app.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;
import studio.engine.model.RandomInit;
import studio.engine.nn.taesd.TaesdDecoder;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;

/**
 * What a live preview of a 512×512 frame costs through each decoder: Stable Diffusion 1.5's VAE
 * decoder at its real width (128 base channels; random weights, which cost the same time as trained
 * ones) against TAESD, and the VAE's encoder on a 512×512 picture. Timings only, printed; no model file is needed.
 */
final class PreviewDecoderBench {
    static final int SIDE = 512;
    /** SD 1.5's first_stage_model: ch 128, ch_mult (1, 2, 4, 4), 2 res blocks, z 4, embed 4. */
    static final VaeConfig SD15_VAE = VaeConfig.sd();

    private PreviewDecoderBench() {
    }

    static void run(PrintWriter out, int repeats, int threads) {
        JniUtils.setNumThreads(threads);
        try (NDManager weights = NDManager.newBaseManager(); NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(SD15_VAE);
            TaesdDecoder taesd = new TaesdDecoder(4);
            RandomInit.initialise(vae, weights, 1);
            RandomInit.initialise(taesd, weights, 2);
            NDArray latent = m.randomNormal(new Shape(1, 4, SIDE / 8, SIDE / 8));
            out.printf(Locale.ROOT, "Preview decode of a %dx%d frame (latent 4x%dx%d), %d thread(s), best of %d after a warm-up:%n",
                    SIDE, SIDE, SIDE / 8, SIDE / 8, threads, repeats);
            out.flush();
            Timing tiny = Timing.measure(repeats, scoped(() -> taesd.forward(latent)));
            print(out, "TAESD decoder", tiny);
            Timing full = Timing.measure(repeats, scoped(() -> vae.decode(latent.div(SD15_VAE.scaleFactor()))));
            print(out, "SD 1.5 VAE decoder", full);
            // CPU time too: on a shared machine the wall-clock ratio moves with the other load
            out.printf(Locale.ROOT, "  TAESD costs %.1f%% of a VAE preview by wall time, %.1f%% by CPU time%n",
                    100 * tiny.bestMs() / full.bestMs(), 100 * tiny.bestCpuMs() / full.bestCpuMs());
            // what live strokes and repeated img2img over one picture no longer pay after the first (EncodedImages)
            NDArray picture = m.randomUniform(-1f, 1f, new Shape(1, 3, SIDE, SIDE));
            print(out, "SD 1.5 VAE encoder", Timing.measure(repeats, scoped(() -> vae.encodeMean(picture))));
            out.flush();
        }
    }

    private static void print(PrintWriter out, String what, Timing t) {
        out.printf(Locale.ROOT, "  %-20s %9.1f ms wall (median %.1f), %9.1f ms CPU%n", what, t.bestMs(), t.medianMs(), t.bestCpuMs());
        out.flush();
    }

    private static Runnable scoped(Supplier<?> op) {
        return () -> {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                op.get();
            }
        };
    }
}
