package studio.app.bench;

import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.model.DiffusionModel;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * The Java side's measurements of one case. Everything runs on the calling thread: libtorch's
 * thread count ({@link JniUtils#setNumThreads}) applies to the thread that sets it, so the bench
 * must not hand work to the engine thread.
 */
final class JavaTimings {
    /** Operation names, shared with the reference's JSON. */
    static final String TEXT = "text";
    static final String UNET = "unet";
    static final String VAE = "vae";
    static final String GENERATION = "generation";

    private final DiffusionModel model;
    private final BenchInputs inputs;
    private final StableDiffusionGenerator generator;
    private final BenchCase benchCase;
    private final String modelId;

    JavaTimings(BenchCase benchCase, DiffusionModel model, BenchInputs inputs, StableDiffusionGenerator generator,
                String modelId) {
        this.benchCase = benchCase;
        this.model = model;
        this.inputs = inputs;
        this.generator = generator;
        this.modelId = modelId;
    }

    /** Text encoding, one U-Net step, one VAE decode and one whole generation (no previews) at a thread count. */
    Map<String, Timing> measure(int threads, int repeats, PrintWriter log) {
        JniUtils.setNumThreads(threads);
        Map<String, Timing> out = new LinkedHashMap<>();
        out.put(TEXT, logged(log, threads, TEXT, Timing.measure(repeats, () -> inputs.encodeText(model))));
        out.put(UNET, logged(log, threads, UNET, Timing.measure(repeats, scoped(() -> inputs.unetStep(model)))));
        out.put(VAE, logged(log, threads, VAE, Timing.measure(repeats, scoped(() -> inputs.vaeDecode(model)))));
        GenerationRequest plain = benchCase.request(modelId, 0);
        out.put(GENERATION, logged(log, threads, GENERATION,
                Timing.measure(repeats, () -> generator.generate(plain, Progress.NONE))));
        return out;
    }

    private static Timing logged(PrintWriter log, int threads, String op, Timing t) {
        log.printf(Locale.ROOT, "  java %d thread(s) %-10s best %.1f ms, median %.1f ms, cpu %.1f ms%n", threads, op,
                t.bestMs(), t.medianMs(), t.bestCpuMs());
        log.flush();
        return t;
    }

    /**
     * Whole generations with live previews as the studio shows them at the default setting (every
     * step's preview is made, as the engine does when anyone listens) and with previews off,
     * alternating so that both see the same machine load. Also times the preview calls themselves,
     * which says what previews cost without the noise of two whole generations on a busy machine.
     */
    PreviewOverhead previews(int threads, int repeats) {
        JniUtils.setNumThreads(threads);
        int every = GenerationRequest.builder().build().previewEvery();
        GenerationRequest withPreviews = benchCase.request(modelId, every);
        GenerationRequest without = benchCase.request(modelId, 0);
        generator.generate(withPreviews, new PreviewCounter());
        generator.generate(without, Progress.NONE);
        double[][] on = new double[2][repeats];
        double[][] off = new double[2][repeats];
        double[] inside = new double[repeats];
        int full = 0;
        for (int i = 0; i < repeats; i++) {
            PreviewCounter counter = new PreviewCounter();
            double[] a = Timing.once(() -> generator.generate(withPreviews, counter));
            double[] b = Timing.once(() -> generator.generate(without, Progress.NONE));
            on[0][i] = a[0];
            on[1][i] = a[1];
            off[0][i] = b[0];
            off[1][i] = b[1];
            inside[i] = counter.nanos / 1e6;
            full += counter.full;
        }
        return new PreviewOverhead(every, benchCase.steps(), (double) full / repeats, Timing.of(on[0], on[1]),
                Timing.of(off[0], off[1]), Timing.of(inside, inside));
    }

    private static Runnable scoped(Supplier<?> op) {
        return () -> {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                op.get();
            }
        };
    }

    /** Takes every preview, as the engine does for a listening UI; times the calls and counts the VAE ones. */
    private static final class PreviewCounter implements Progress {
        int full;
        long nanos;

        @Override
        public void step(int batchIndex, int step, int totalSteps, Preview preview) {
            nanos += preview.cost().toNanos();
            if (preview.fullDecode()) {
                full++;
            }
        }

        @Override
        public void checkCancelled() {
        }
    }

    /**
     * @param every       the default full-decode setting
     * @param fullDecodes VAE-decoded previews per generation (mean)
     * @param inside      wall time spent inside the preview calls of one generation
     */
    record PreviewOverhead(int every, int steps, double fullDecodes, Timing on, Timing off, Timing inside) {
        /** Extra wall time of a generation with previews, in % of one without (best runs compared). */
        double percent() {
            return (on.bestMs() - off.bestMs()) / off.bestMs() * 100;
        }

        double medianPercent() {
            return (on.medianMs() - off.medianMs()) / off.medianMs() * 100;
        }

        double cpuPercent() {
            return (on.bestCpuMs() - off.bestCpuMs()) / off.bestCpuMs() * 100;
        }

        /** Time inside the preview calls, in % of a generation without previews (medians). */
        double insidePercent() {
            return inside.medianMs() / off.medianMs() * 100;
        }
    }
}
