package studio.app.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.engine.api.GenerationRequest;

/**
 * Prints one case's figures: per operation and thread count, Java's and PyTorch's CPU and wall
 * times and their ratios.
 */
final class BenchReport {
    private static final Map<String, String> LABELS = Map.of(
            JavaTimings.TEXT, "text encode (2 prompts)",
            JavaTimings.UNET, "U-Net step (batch 2)",
            JavaTimings.VAE, "VAE decode",
            JavaTimings.GENERATION, "whole generation");
    private static final List<String> ORDER = List.of(JavaTimings.TEXT, JavaTimings.UNET, JavaTimings.VAE,
            JavaTimings.GENERATION);
    private static final String ROW = "%-24s %7s | %10s %10s %7s | %10s %10s %7s%n";

    private BenchReport() {
    }

    static void header(PrintWriter out, BenchCase c, int repeats) {
        out.printf(Locale.ROOT, "%n== %s: %s, %dx%d, %d %s steps, guidance %s ==%n", c.name(), c.description(),
                c.width(), c.height(), c.steps(), BenchCase.SAMPLER, BenchCase.GUIDANCE);
        out.printf(Locale.ROOT, "ms, least of %d runs after a warm-up; ratio = Java / PyTorch (under 1: Java faster). "
                + "CPU = the process's threads but the JIT's: on a loaded machine the fairer comparison.%n", repeats);
    }

    /**
     * @param java      per thread count, per operation
     * @param reference the PyTorch side, or null when it was not run
     */
    static void table(PrintWriter out, Map<Integer, Map<String, Timing>> java, ReferenceRun reference) {
        out.printf(Locale.ROOT, ROW, "operation", "threads", "Java CPU", "PyTorch", "ratio", "Java wall", "PyTorch",
                "ratio");
        for (String op : ORDER) {
            for (Map.Entry<Integer, Map<String, Timing>> e : java.entrySet()) {
                Timing j = e.getValue().get(op);
                Timing p = reference == null ? null : reference.timings().getOrDefault(e.getKey(), Map.of()).get(op);
                out.printf(Locale.ROOT, ROW, LABELS.get(op), e.getKey(),
                        ms(j.bestCpuMs()), p == null ? "-" : ms(p.bestCpuMs()), p == null ? "-" : ratio(j.bestCpuMs(), p.bestCpuMs()),
                        ms(j.bestMs()), p == null ? "-" : ms(p.bestMs()), p == null ? "-" : ratio(j.bestMs(), p.bestMs()));
            }
        }
        if (reference != null) {
            StringBuilder check = new StringBuilder("same work: PyTorch " + reference.torchVersion() + " (default "
                    + reference.defaultThreads() + " thread" + (reference.defaultThreads() == 1 ? "" : "s")
                    + " there) vs Java on the same inputs, max relative error of the outputs:");
            reference.check().forEach((k, v) -> check.append(String.format(Locale.ROOT, " %s %.1e",
                    k.replace("_max_rel_err", ""), v)));
            out.println(check);
        }
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(double java, double torch) {
        return String.format(Locale.ROOT, "%.2f", java / torch);
    }

    static void previews(PrintWriter out, JavaTimings.PreviewOverhead p, int threads) {
        String vae = p.every() == GenerationRequest.PREVIEW_AUTO ? "VAE decodes while they fit 8% of the time (auto)"
                : "VAE decode every " + p.every() + " steps";
        out.printf(Locale.ROOT, "previews at the default setting (cheap projection every step, %s: %.1f per image), %d thread%s:%n",
                vae, p.fullDecodes(), threads, threads == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  inside the preview calls: %.1f ms per generation = %.1f%% of a generation without previews "
                + "(%.1f ms, medians); target under 10%%%n", p.inside().medianMs(), p.insidePercent(), p.off().medianMs());
        out.printf(Locale.ROOT, "  whole generations with / without previews, %d alternating pairs: wall %.1f / %.1f ms = %+.1f%% "
                        + "(medians %+.1f%%), CPU %.1f / %.1f ms = %+.1f%%%n", p.on().runs(),
                p.on().bestMs(), p.off().bestMs(), p.percent(), p.medianPercent(),
                p.on().bestCpuMs(), p.off().bestCpuMs(), p.cpuPercent());
    }

    static void memory(PrintWriter out, ResidentMemory m) {
        Runtime rt = Runtime.getRuntime();
        double heap = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
        if (m.known()) {
            out.printf(Locale.ROOT, "memory: resident %.0f MB now, peak %.0f MB (Java heap in use %.0f MB)%n",
                    m.rssMb(), m.peakMb(), heap);
        } else {
            out.printf(Locale.ROOT, "memory: Java heap in use %.0f MB (resident memory needs Linux /proc)%n", heap);
        }
    }
}
