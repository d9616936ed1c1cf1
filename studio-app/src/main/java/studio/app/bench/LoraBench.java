package studio.app.bench;

import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import studio.engine.api.LoraWeight;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.DiffusionModel;
import studio.engine.model.lora.LoraPatcher;
import studio.engine.nn.Module;
import studio.engine.nn.Param;

/**
 * {@code studio bench --loras}: what two active LoRAs cost on a case's model. LoRAs are merged into
 * the weights ({@link LoraPatcher}), so a step with them runs the same ops as one without: the
 * per-step figure should be noise, and the real cost is the merge when the set or a weight changes.
 * Two seeded random LoRAs of the usual shapes: kohya rank 16 on every attention and feed-forward
 * Linear, proj_in/proj_out and the text encoder's projections; LoCon rank 8 on every ResBlock conv.
 */
final class LoraBench {
    private LoraBench() {
    }

    static void run(BenchCase c, int repeats, int threads, Path work, PrintWriter out) throws IOException {
        Files.createDirectories(work);
        try (DiffusionModel model = c.model().get(); BenchInputs inputs = new BenchInputs(model, c)) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads); // libtorch is loaded by now
            Path attention = write(model, work.resolve("bench-attention.safetensors"), true, 16, 1);
            Path locon = write(model, work.resolve("bench-locon.safetensors"), false, 8, 2);
            List<LoraWeight> two = List.of(LoraWeight.of("bench-attention", attention.toString(), 0.8),
                    LoraWeight.of("bench-locon", locon.toString(), 0.5));
            LoraPatcher patcher = new LoraPatcher(model);
            out.printf(Locale.ROOT, "LoRA overhead on %s (%s), U-Net step = one guided step (batch 2), %d runs each after a warm-up, %d thread(s)%n",
                    c.name(), c.description(), repeats, threads);
            Runnable step = () -> {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    inputs.unetStep(model);
                }
            };
            // Steps with and without the LoRAs alternate (the merge and the restore between them untimed, and the
            // step right after each untimed too), so
            // both sides see the same load on a busy machine; the figure is the median of the pairs' differences.
            step.run();
            double[] base = new double[repeats];
            double[] with = new double[repeats];
            double[] merges = new double[repeats];
            double[] baseCpu = new double[repeats];
            double[] withCpu = new double[repeats];
            int patched = 0;
            for (int i = 0; i < repeats; i++) {
                patcher.use(List.of());
                step.run(); // untimed: the first step after a switch meets the allocator the merge left behind
                double[] b = Timing.once(step);
                base[i] = b[0];
                baseCpu[i] = b[1];
                patcher.use(two);
                merges[i] = patcher.lastApplyNanos() / 1e6;
                patched = patcher.patchedTensors();
                step.run();
                double[] w = Timing.once(step);
                with[i] = w[0];
                withCpu[i] = w[1];
            }
            patcher.use(List.of(two.get(0), LoraWeight.of("bench-locon", locon.toString(), 0.3)));
            double reweightMs = patcher.lastApplyNanos() / 1e6;
            patcher.use(List.of());
            double removeMs = patcher.lastApplyNanos() / 1e6;
            double[] diff = new double[repeats];
            double[] diffCpu = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                diff[i] = with[i] - base[i];
                diffCpu[i] = withCpu[i] - baseCpu[i];
            }
            out.printf(Locale.ROOT, "  U-Net step, no LoRA:          best %8.1f ms, median %8.1f ms wall, median %8.1f ms CPU%n", min(base), median(base), median(baseCpu));
            out.printf(Locale.ROOT, "  U-Net step, two LoRAs merged: best %8.1f ms, median %8.1f ms wall, median %8.1f ms CPU%n", min(with), median(with), median(withCpu));
            out.printf(Locale.ROOT, "  per-step overhead:            median %+8.1f ms wall (%+.1f%%), %+.1f ms CPU (%+.1f%%) over %d alternating pairs%n",
                    median(diff), 100 * median(diff) / median(base), median(diffCpu), 100 * median(diffCpu) / median(baseCpu), repeats);
            out.printf(Locale.ROOT, "  merge two LoRAs (%d tensors): median %8.1f ms, once per change of LoRAs%n", patched, median(merges));
            out.printf(Locale.ROOT, "  re-weight one LoRA:           %8.1f ms (restore, merge both again)%n", reweightMs);
            out.printf(Locale.ROOT, "  remove all LoRAs:             %8.1f ms (originals swapped back)%n", removeMs);
            out.flush();
        }
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** A LoRA for this model with random F16 factors (std 0.02), kohya names in LDM (original) naming. */
    private static Path write(DiffusionModel model, Path file, boolean attention, int rank, long seed) throws IOException {
        Random random = new Random(seed);
        SafetensorsWriter w = new SafetensorsWriter().metadata("ss_network_module", "networks.lora");
        Map<String, Param> unet = model.unet().parameters();
        unet.forEach((k, p) -> {
            long[] s = p.shape().getShape();
            boolean linear = s.length == 2 && (k.contains("transformer_blocks") || k.contains("proj_"));
            boolean oneByOne = s.length == 4 && s[2] == 1 && k.contains("proj_");
            boolean resConv = s.length == 4 && s[2] == 3 && (k.contains("in_layers.2") || k.contains("out_layers.3"));
            if (k.endsWith(".weight") && (attention ? linear || oneByOne : resConv)) {
                add(w, "lora_unet_" + k.substring(0, k.length() - 7).replace('.', '_'), s, rank, random);
            }
        });
        if (attention && model.textEncoder() instanceof Module text) {
            text.parameters().forEach((k, p) -> {
                if (k.endsWith("_proj.weight") && k.startsWith("encoder.")) {
                    add(w, "lora_te_text_model_" + k.substring(0, k.length() - 7).replace('.', '_'), p.shape().getShape(),
                            rank, random);
                }
            });
        }
        w.write(file);
        return file;
    }

    private static void add(SafetensorsWriter w, String module, long[] shape, int rank, Random random) {
        long in = shape[1];
        long[] down = shape.length == 4 ? new long[] {rank, in, shape[2], shape[3]} : new long[] {rank, in};
        long[] up = shape.length == 4 ? new long[] {shape[0], rank, 1, 1} : new long[] {shape[0], rank};
        w.add(module + ".lora_down.weight", DType.F16, down, values(down, random));
        w.add(module + ".lora_up.weight", DType.F16, up, values(up, random));
        w.add(module + ".alpha", DType.F32, new long[0], new float[] {rank / 2f});
    }

    private static float[] values(long[] shape, Random random) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * 0.02);
        }
        return v;
    }
}
