package studio.app.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.engine.api.InvalidRequestException;
import studio.engine.model.DiffusionModel;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * {@code studio bench}: per case, times text encoding, one U-Net step, one VAE decode and a whole
 * generation with one thread and with libtorch's default thread count, then runs the PyTorch
 * reference on the same weights and inputs (right after, so both see the same machine load) and
 * prints both with their ratio; also what live previews add to a generation. {@code --memory N}
 * instead checks that N generations do not grow resident memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the U-Net step, VAE decode and a whole generation in Java and in the PyTorch reference "
                + "(same weights, same inputs, same run) and print the ratios; or, with --memory N, check that "
                + "N generations do not grow resident memory.",
                "Run from the repository root so that tools/reference/bench_reference.py is found "
                        + "(python3 with PyTorch: apt-get install python3-torch)."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--case", split = ",", paramLabel = "NAME",
            description = "default-64 (the default model, 64x64, 20 steps), sd-256 (SD 1.x layout at a tenth of its "
                    + "width, 256x256, 4 steps); default: both. sd15-SIZE (sd15-512, sd15-768, sd15-1024): SD 1.5's real "
                    + "shapes with zero weights at SIZE x SIZE, 3 steps unless --steps, figures against the FLOP floor; sdxl-SIZE "
                    + "(sdxl-1024): the same with SDXL base's shapes.")
    List<String> cases;

    @Option(names = "--previews", split = ",", paramLabel = "NAME", defaultValue = "default-64",
            description = "Cases whose preview overhead is measured (default: ${DEFAULT-VALUE}).")
    List<String> previewCases;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "libtorch intra-op thread counts to time (default: 1 and libtorch's default here).")
    List<Integer> threadCounts;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per measurement, after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--steps", description = "Steps of the whole generations (default: per case).")
    Integer steps;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where the exported weights, inputs and PyTorch results go (default: <tmp>/studio-bench).")
    Path work;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with PyTorch 1.13 or newer (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--reference-script", paramLabel = "FILE", defaultValue = "tools/reference/bench_reference.py",
            description = "The PyTorch side (default: ${DEFAULT-VALUE}).")
    Path script;

    @Option(names = "--no-reference", description = "Java figures only.")
    boolean noReference;

    @Option(names = "--precision", defaultValue = "fp32", description = "Precision for the sd15-SIZE and sdxl-SIZE cases: fp32, bf16 "
            + "or fp16, as generate's --precision (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--loras", description = "Instead of the usual figures: what two active LoRAs cost per U-Net step "
            + "and per change of LoRAs, on each chosen case (sd-256 by default).")
    boolean loras;

    @Option(names = "--lora-model", paramLabel = "FILE", description = "With --loras: a checkpoint to measure on instead "
            + "of the sd-256 case's model (its U-Net steps at 256x256, its weights in --precision).")
    Path loraModel;

    @Option(names = "--memory", paramLabel = "N",
            description = "Instead of timing: N generations on the first case's model, resident memory before and after.")
    Integer memory;

    @Option(names = "--queue-cancel", paramLabel = "N",
            description = "Instead of timing: N requests queued on one engine and cancelled (queued or mid-run) on the "
                    + "first case's model, resident and heap memory before and after.")
    Integer queueCancel;

    @Option(names = "--control", description = "Instead of timing: what one ControlNet (random weights, the case's "
            + "U-Net layout) adds per step, from alternating whole generations with and without it, at the first "
            + "--threads count; e.g. --case sd-256 --control.")
    boolean control;

    @Option(names = "--preview-decoders",
            description = "Instead of timing: one 512x512 preview decode through SD 1.5's full-width VAE vs TAESD "
                    + "(random weights), at the first --threads count.")
    boolean previewDecoders;

    @Option(names = "--live", description = "Instead of timing: live mode's request after a brush stroke (an inpainting "
            + "of the stroke at live mode's 8 steps, the image saved) on each chosen case's model, submission to saved image; "
            + "e.g. --case sd-256 --live; --case builtin-64 for the studio's built-in model.")
    boolean live;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (repeats < 1 || repeats > 100) {
            throw new InvalidRequestException("--repeats must be between 1 and 100, got " + repeats);
        }
        if (steps != null && (steps < 1 || steps > 1000)) {
            throw new InvalidRequestException("--steps must be between 1 and 1000, got " + steps);
        }
        if (cases != null && cases.stream().anyMatch(RealSizeBench::handles)) {
            Path root = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "studio-bench");
            for (String c : cases) {
                if (!RealSizeBench.handles(c)) {
                    throw new InvalidRequestException("run sd15-SIZE and sdxl-SIZE cases on their own (they measure the whole "
                            + "process's peak memory); got " + String.join(",", cases));
                }
                RealSizeBench.run(c, steps == null ? 3 : steps, precision, root, out);
            }
            return 0;
        }
        if (live) {
            for (String name : cases == null ? List.of("sd-256") : cases) {
                LiveRequestBench.run(BenchCase.forLive(name), out);
            }
            return 0;
        }
        List<BenchCase> chosen = (cases == null ? BenchCase.all() : cases.stream().map(BenchCase::byName).toList())
                .stream().map(c -> steps == null ? c : c.withSteps(steps)).toList();
        if (loras) {
            Path root = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "studio-bench");
            List<BenchCase> loraCases = cases == null ? List.of(BenchCase.byName("sd-256")) : chosen;
            if (loraModel != null) {
                studio.engine.nn.Precision p = studio.engine.nn.Precision.parse(precision);
                loraCases = List.of(new BenchCase(loraModel.getFileName().toString(), "the checkpoint " + loraModel
                        + " in " + p.label(), () -> studio.engine.model.CheckpointLoader.load(loraModel,
                        studio.engine.model.CheckpointLoader.Options.defaults().withPrecision(p)), 256, 256, 4));
            }
            for (BenchCase c : loraCases) {
                // one intra-op thread unless --threads says otherwise: the figure is a difference of two
                // step times, which idle-spinning worker threads on a shared machine blur
                LoraBench.run(c, repeats, threadCounts == null ? 1 : threadCounts.get(0), root.resolve("loras"), out);
            }
            return 0;
        }
        if (memory != null) {
            if (memory < 1) {
                throw new InvalidRequestException("--memory needs a number of generations of at least 1, got " + memory);
            }
            MemoryCheck.run(chosen.get(0), memory, out);
            return 0;
        }
        if (queueCancel != null) {
            if (queueCancel < 3 || queueCancel > 100_000) {
                throw new InvalidRequestException("--queue-cancel needs between 3 and 100000 requests, got " + queueCancel);
            }
            QueueCancelCheck.run(chosen.get(0), queueCancel, out);
            return 0;
        }
        try (NDManager warmEngine = NDManager.newBaseManager()) {
            warmEngine.zeros(new Shape(1)); // loads libtorch before asking its thread count
        }
        int defaultThreads = JniUtils.getNumThreads();
        if (previewDecoders) {
            try {
                PreviewDecoderBench.run(out, repeats, threadCounts == null ? defaultThreads : threadCounts.get(0));
            } finally {
                JniUtils.setNumThreads(defaultThreads);
            }
            return 0;
        }
        if (control) {
            try {
                for (BenchCase c : chosen) {
                    controlCase(c, threadCounts == null ? defaultThreads : threadCounts.get(0), out);
                }
            } finally {
                JniUtils.setNumThreads(defaultThreads);
            }
            return 0;
        }
        out.printf(Locale.ROOT, "Java: libtorch %s through DJL, %d intra-op threads by default on this machine (%d CPUs)%n",
                Engine.getEngine("PyTorch").getVersion(), defaultThreads, Runtime.getRuntime().availableProcessors());
        TreeSet<Integer> threads = new TreeSet<>(threadCounts == null ? List.of(1, defaultThreads) : threadCounts);
        if (threads.first() < 1 || threads.last() > 256) {
            throw new InvalidRequestException("--threads must be between 1 and 256, got " + threads);
        }
        boolean reference = !noReference && Files.isRegularFile(script);
        if (!noReference && !reference) {
            out.println("PyTorch side skipped: " + script + " not found; run from the repository root, "
                    + "or give --reference-script FILE (or --no-reference)");
        }
        Path root = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "studio-bench");
        try {
            for (BenchCase c : chosen) {
                runCase(c, threads, reference ? root.resolve(c.name()) : null, out);
            }
        } finally {
            JniUtils.setNumThreads(defaultThreads);
        }
        return 0;
    }

    private void controlCase(BenchCase c, int threads, PrintWriter out) {
        String id = "bench-" + c.name();
        try (ModelRepository models = new ModelRepository(any -> c.model().get())) {
            DiffusionModel model = models.get(id).model();
            ControlOverhead.register(models, model);
            try (BenchInputs inputs = new BenchInputs(model, c)) {
                out.printf(Locale.ROOT, "%s: %s, %dx%d, %d steps%n", c.name(), c.description(), c.width(), c.height(),
                        c.steps());
                ControlOverhead.run(c, model, inputs, new StableDiffusionGenerator(models).withCallersThreadCount(), models, id, threads, repeats, out);
                out.flush();
            }
        }
    }

    private void runCase(BenchCase c, TreeSet<Integer> threadCounts, Path exportDir, PrintWriter out) throws Exception {
        String id = "bench-" + c.name();
        try (ModelRepository models = new ModelRepository(any -> c.model().get())) {
            DiffusionModel model = models.get(id).model();
            try (BenchInputs inputs = new BenchInputs(model, c)) {
                BenchReport.header(out, c, repeats);
                out.flush();
                JavaTimings timings = new JavaTimings(c, model, inputs, new StableDiffusionGenerator(models).withCallersThreadCount(), id);
                Map<Integer, Map<String, Timing>> java = new TreeMap<>();
                for (int threads : threadCounts) {
                    java.put(threads, timings.measure(threads, repeats, spec.commandLine().getErr()));
                }
                Map<Integer, JavaTimings.PreviewOverhead> previews = new TreeMap<>();
                if (previewCases.contains(c.name())) {
                    for (int threads : java.keySet()) {
                        previews.put(threads, timings.previews(threads, repeats));
                    }
                }
                ReferenceRun reference = null;
                if (exportDir != null) {
                    CaseExport.write(exportDir, c, model, inputs);
                    try {
                        reference = ReferenceRun.run(python, script, exportDir, repeats, java.keySet(), out);
                    } catch (IllegalStateException | IOException e) {
                        out.println("PyTorch side failed, Java figures only: " + e.getMessage());
                    }
                }
                BenchReport.table(out, java, reference);
                previews.forEach((threads, p) -> BenchReport.previews(out, p, threads));
                BenchReport.memory(out, ResidentMemory.now());
                out.flush();
            }
        }
    }
}
