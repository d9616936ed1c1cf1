package studio.app.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.ControlNet;
import studio.engine.model.DiffusionModel;
import studio.engine.nn.unet.ControlNetConfig;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * What one ControlNet adds to a step ({@code studio bench --control}): whole generations with and
 * without a balanced ControlNet (random weights, the case's U-Net layout, a scribble-like hint),
 * alternating so both see the same machine load, and one ControlNet pass against one U-Net pass on
 * the same guided batch. The ControlNet is the U-Net's encoder and middle block plus the hint block
 * (which runs once per generation), so a pass should cost a little under half a U-Net pass.
 */
final class ControlOverhead {
    static final String ID = "bench-controlnet";
    static final long SEED = 27_182L;

    private ControlOverhead() {
    }

    /** Makes the repository hand out the bench's random ControlNet for {@link #ID}. */
    static void register(ModelRepository models, DiffusionModel model) {
        models.withControlNetLoader((id, precision) -> ControlNet.random(ID, model.unet().config(), SEED));
    }

    static void run(BenchCase c, DiffusionModel model, BenchInputs inputs, StableDiffusionGenerator generator,
                    ModelRepository models, String modelId, int threads, int repeats, PrintWriter out) {
        JniUtils.setNumThreads(threads);
        GenerationRequest without = c.request(modelId, 0);
        GenerationRequest with = without.toBuilder()
                .controls(List.of(ControlUnit.of(ID, hint(c.width(), c.height()), "none"))).build().validated();
        generator.generate(with, Progress.NONE); // warm-up, and loads the ControlNet
        generator.generate(without, Progress.NONE);
        double[][] on = new double[2][repeats];
        double[][] off = new double[2][repeats];
        for (int i = 0; i < repeats; i++) {
            double[] a = Timing.once(() -> generator.generate(with, Progress.NONE));
            double[] b = Timing.once(() -> generator.generate(without, Progress.NONE));
            on[0][i] = a[0];
            on[1][i] = a[1];
            off[0][i] = b[0];
            off[1][i] = b[1];
        }
        Timing withTiming = Timing.of(on[0], on[1]);
        Timing withoutTiming = Timing.of(off[0], off[1]);
        ControlNet net = models.controlNets(List.of(ID)).get(0);
        Timing controlPass;
        Timing unetPass;
        try (NDManager m = NDManager.newBaseManager()) {
            int f = model.vaeFactor() == 0 ? 8 : model.vaeFactor();
            NDArray pixels = m.ones(new ai.djl.ndarray.types.Shape(1, 3, c.height() / f * ControlNetConfig.HINT_FACTOR,
                    c.width() / f * ControlNetConfig.HINT_FACTOR));
            NDArray guided = net.net().guidedHint(pixels);
            controlPass = Timing.measure(repeats, scoped(() -> net.net().forward(inputs.unetX, guided, inputs.unetT,
                    inputs.unetContext, () -> { })));
            unetPass = Timing.measure(repeats, scoped(() -> inputs.unetStep(model)));
        }
        int steps = c.steps();
        double perStep = (withTiming.medianMs() - withoutTiming.medianMs()) / steps;
        double stepMs = withoutTiming.medianMs() / steps;
        out.printf(Locale.ROOT, "one ControlNet (balanced, random weights, %s), %d thread%s, %d alternating pairs of "
                        + "%d-step generations:%n", net.spec().family(), threads, threads == 1 ? "" : "s", repeats, steps);
        out.printf(Locale.ROOT, "  whole generations with / without: %.1f / %.1f ms (medians; best %.1f / %.1f ms): "
                        + "%+.1f ms per step = %+.1f%% of a step (%.1f ms)%n", withTiming.medianMs(), withoutTiming.medianMs(),
                withTiming.bestMs(), withoutTiming.bestMs(), perStep, perStep / stepMs * 100, stepMs);
        double cpuPerStep = (withTiming.bestCpuMs() - withoutTiming.bestCpuMs()) / steps;
        out.printf(Locale.ROOT, "  CPU time with / without: %.1f / %.1f ms (best): %+.1f ms per step = %+.1f%% of a step%n",
                withTiming.bestCpuMs(), withoutTiming.bestCpuMs(), cpuPerStep,
                cpuPerStep / (withoutTiming.bestCpuMs() / steps) * 100);
        out.printf(Locale.ROOT, "  one guided pass (batch 2): ControlNet %.1f ms, U-Net %.1f ms (best) = %.0f%% of the U-Net%n",
                controlPass.bestMs(), unetPass.bestMs(), controlPass.bestMs() / unetPass.bestMs() * 100);
    }

    /** White circles and lines on black at the output size: what an edge or scribble hint looks like. */
    static RgbImage hint(int width, int height) {
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = Math.hypot(x - width / 2.0, y - height / 2.0);
                boolean line = Math.abs(r - width / 4.0) < 1.5 || Math.abs(x - y) < 1;
                px[y * width + x] = line ? 0xFFFFFFFF : 0xFF000000;
            }
        }
        return new RgbImage(width, height, px);
    }

    private static Runnable scoped(java.util.function.Supplier<?> op) {
        return () -> {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                op.get();
            }
        };
    }
}
