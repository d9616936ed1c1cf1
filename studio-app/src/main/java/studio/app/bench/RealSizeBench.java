package studio.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.CheckpointLoader;
import studio.engine.nn.Precision;
import studio.engine.nn.Profile;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * {@code studio bench --case sd15-512} (and sd15-768, sd15-1024, sdxl-1024): a whole guided generation on a
 * checkpoint with the real SD 1.5 or SDXL base shapes (zero weights, see {@link Sd15Header} and
 * {@link SdxlHeader}) at real size, as the
 * CLI runs it: load, text encoding, N Euler steps, VAE decode. Prints the time per step (the median of
 * the steps after the first), the per-kind profile of those steps with their counted FLOPs, the
 * figure against a compute floor, page faults and system time per step, and peak resident memory of
 * the whole process. No PyTorch side: the reference here is the FLOP count.
 */
final class RealSizeBench {
    /** What libtorch does here on a 320-channel 3×3 conv at 64×64 in fp32 (measured through DJL): the floor's rate. */
    static final double FLOOR_GFLOPS = 190;

    private RealSizeBench() {
    }

    static boolean handles(String caseName) {
        return caseName.matches("(sd15|sdxl)-\\d+");
    }

    static void run(String caseName, int steps, String precision, Path work, PrintWriter out) throws IOException {
        boolean xl = caseName.startsWith("sdxl-");
        int size = Integer.parseInt(caseName.substring(caseName.indexOf('-') + 1));
        Files.createDirectories(work);
        Path checkpoint = xl ? SdxlHeader.ensure(work) : Sd15Header.ensure(work);
        out.printf(Locale.ROOT, "== %s: %s shapes (zero weights) at %dx%d, %d Euler steps, guidance 7, %s ==%n",
                caseName, xl ? "SDXL base" : "SD 1.5", size, size, steps, precision);
        out.flush();
        double convRate = ConvReference.gflops();
        out.printf(Locale.ROOT, "reference in this run: a 320-channel 3x3 conv at 64x64 (batch 2) runs at %.0f GFLOP/s%n", convRate);
        Counters start = Counters.now();
        long t0 = System.nanoTime();
        try (ModelRepository models = new ModelRepository((id, p) -> CheckpointLoader.load(Path.of(id),
                CheckpointLoader.Options.defaults().withPrecision(p)))) {
            models.usePrecision(Precision.parse(precision));
            models.get(checkpoint.toString());
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            ResidentMemory afterLoad = ResidentMemory.now();
            GenerationRequest request = GenerationRequest.builder().prompt(BenchCase.PROMPT).negativePrompt(BenchCase.NEGATIVE)
                    .size(size, size).steps(steps).guidanceScale(BenchCase.GUIDANCE).seed(BenchCase.SEED).sampler("euler")
                    .modelId(checkpoint.toString()).previewEvery(0).precision(precision).build().validated();
            StepClock clock = new StepClock();
            Profile.reset();
            Profile.enable(true);
            long g0 = System.nanoTime();
            List<RgbImage> images;
            try {
                images = new StableDiffusionGenerator(models).generate(request, clock);
            } finally {
                Profile.enable(false);
            }
            long g1 = System.nanoTime();
            ResidentMemory end = ResidentMemory.now();
            Runtime rt = Runtime.getRuntime();
            double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            report(out, clock, loadSeconds, (g1 - g0) / 1e9, afterLoad, end, heapMb, start, images.size(), convRate);
            TaesdPreviewCost.print(out, size, size, clock.medianStepSeconds(), Precision.parse(precision));
        }
    }

    private static void report(PrintWriter out, StepClock clock, double loadSeconds, double generateSeconds,
                               ResidentMemory afterLoad, ResidentMemory end, double heapMb, Counters start, int images,
                               double convRate) {
        List<Double> later = clock.laterSteps();
        double step = clock.medianStepSeconds();
        Counters steady = clock.steadyEnd != null ? clock.steadyEnd.minus(clock.steadyStart) : null;
        int steadySteps = Math.max(1, clock.profiledSteps);
        out.printf(Locale.ROOT, "load %.1f s; generation %.1f s (text encoding and first step %.1f s, decode %.1f s)%n",
                loadSeconds, generateSeconds, clock.firstStepDone - clock.begin, clock.decodeSeconds(generateSeconds));
        out.printf(Locale.ROOT, "guided step: %.2f s (median of %d steps after the first: %s)%n", step, later.size(),
                later.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
        Map<Profile.Kind, Double> seconds = clock.profileSeconds;
        Map<Profile.Kind, Long> flops = clock.profileFlops;
        long totalFlops = flops.values().stream().mapToLong(Long::longValue).sum() / steadySteps;
        double floor = totalFlops / 1e9 / FLOOR_GFLOPS;
        out.printf(Locale.ROOT, "work per step: %.0f GFLOP (conv %.0f, linear %.0f, attention %.0f); floor at %.0f GFLOP/s "
                        + "%.2f s; step / floor %.2f%n", totalFlops / 1e9, flops.get(Profile.Kind.CONV) / 1e9 / steadySteps,
                flops.get(Profile.Kind.LINEAR) / 1e9 / steadySteps, flops.get(Profile.Kind.ATTENTION) / 1e9 / steadySteps,
                FLOOR_GFLOPS, floor, step / floor);
        out.printf(Locale.ROOT, "against this run's conv rate (%.0f GFLOP/s): floor %.2f s; step / floor %.2f%n",
                convRate, totalFlops / 1e9 / convRate, step / (totalFlops / 1e9 / convRate));
        out.println("per-step profile (s per step, share):");
        double profiled = 0;
        for (Map.Entry<Profile.Kind, Double> e : seconds.entrySet()) {
            double s = e.getValue() / steadySteps;
            profiled += s;
            if (s > 0) {
                double gflops = flops.get(e.getKey()) / 1e9 / steadySteps;
                out.printf(Locale.ROOT, "  %-10s %6.2f s %5.1f%%%s%n", e.getKey().name().toLowerCase(Locale.ROOT), s,
                        100 * s / step, gflops > 0 ? String.format(Locale.ROOT, "  (%.0f GFLOP/s)", gflops / s) : "");
            }
        }
        out.printf(Locale.ROOT, "  %-10s %6.2f s %5.1f%%  (element-wise, reshapes, concatenation, sampler)%n", "rest",
                step - profiled, 100 * (step - profiled) / step);
        if (steady != null) {
            out.printf(Locale.ROOT, "allocation: %.0f minor page faults and %.2f s system CPU per step (user CPU %.2f s)%n",
                    steady.minorFaults / (double) steadySteps, steady.systemSeconds / steadySteps, steady.userSeconds / steadySteps);
        }
        out.printf(Locale.ROOT, "memory: peak resident %.2f GB for the whole run (after loading %.2f GB); resident at the end "
                        + "%.2f GB, Java heap in use %.0f MB%n", end.peakKb() / 1048576.0, afterLoad.rssKb() / 1048576.0,
                end.rssKb() / 1048576.0, heapMb);
        if (clock.atLastStep != null) {
            out.printf(Locale.ROOT, "peak resident before the VAE decode %.2f GB (the decode adds %.2f GB)%n",
                    clock.atLastStep.peakKb() / 1048576.0, (end.peakKb() - clock.atLastStep.peakKb()) / 1048576.0);
        }
        out.printf(Locale.ROOT, "%d image(s) made (GB here are GiB, 2^30 bytes)%n", images);
        out.flush();
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Step times from the progress callbacks; the profile is read over the steps after the first. */
    private static final class StepClock implements Progress {
        final double begin = System.nanoTime() / 1e9;
        final List<Double> stepSeconds = new ArrayList<>();
        double last = begin;
        double firstStepDone;
        Counters steadyStart;
        Counters steadyEnd;
        Map<Profile.Kind, Double> profileSeconds;
        Map<Profile.Kind, Long> profileFlops;
        int profiledSteps;
        ResidentMemory atLastStep;

        @Override

        public boolean wantsPreviews() {

            return false;

        }


        @Override
        public void step(int batchIndex, int step, int totalSteps, Preview preview) {
            double now = System.nanoTime() / 1e9;
            if (step == 1) {
                firstStepDone = now;
                Profile.reset(); // the first step carries one-off costs: time the rest
                steadyStart = Counters.now();
            } else {
                stepSeconds.add(now - last);
                profiledSteps++;
            }
            last = now;
            profileSeconds = Profile.seconds();
            profileFlops = Profile.flops();
            if (step > 1) {
                steadyEnd = Counters.now();
            }
            atLastStep = ResidentMemory.now();
        }

        /** The steps after the first (which carries one-off costs), as the profile counts them. */
        List<Double> laterSteps() {
            return stepSeconds; // the first step is never added (see step): it is what the profile leaves out too
        }

        /** The median of the later steps, or with one step only the first (text encoding included). */
        double medianStepSeconds() {
            return stepSeconds.isEmpty() ? firstStepDone - begin : median(stepSeconds);
        }

        double decodeSeconds(double total) {
            return begin + total - last;
        }

        @Override
        public void checkCancelled() {
        }
    }

    /** Page faults and CPU time of this process, from /proc/self/stat (zeros where there is none). */
    record Counters(long minorFaults, double userSeconds, double systemSeconds) {
        static Counters now() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command name: state(0) ... minflt(7) ... utime(11) stime(12), in clock ticks
                return new Counters(Long.parseLong(f[7]), Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0);
            } catch (IOException | RuntimeException e) {
                return new Counters(0, 0, 0);
            }
        }

        Counters minus(Counters o) {
            return new Counters(minorFaults - o.minorFaults, userSeconds - o.userSeconds, systemSeconds - o.systemSeconds);
        }
    }
}
