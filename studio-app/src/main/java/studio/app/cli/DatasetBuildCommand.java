package studio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.engine.api.InvalidRequestException;
import studio.train.dataset.BuildReport;
import studio.train.dataset.ContactSheet;
import studio.train.dataset.EmojiDataset;
import studio.train.dataset.EmojiDatasetBuilder;
import studio.train.dataset.EmojiNames;
import studio.train.dataset.EmojiSet;
import studio.train.dataset.NpmPackage;
import studio.train.dataset.NpmPackageCache;
import studio.train.dataset.SkipReason;

/**
 * {@code studio dataset build}: installs the pinned emoji packages with npm into a cache outside the
 * repository (only when missing), renders the training pictures and writes the manifest.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the emoji training set of the default model from npm emoji packages.")
public final class DatasetBuildCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_INPUT = 2;

    static final Path CACHE_HOME = Path.of(System.getProperty("user.home"), ".cache", "latent-studio");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Dataset folder (default: ~/.cache/latent-studio/datasets/emoji-<size>).")
    Path out;

    @Option(names = "--size", paramLabel = "N", defaultValue = "64", description = "Picture size in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--sets", paramLabel = "LIST", defaultValue = "noto,twemoji,fluent",
            description = "Comma-separated emoji sets: noto, twemoji, fluent (default: ${DEFAULT-VALUE}).")
    String sets;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "npm cache folder for the emoji packages (default: ~/.cache/latent-studio/npm).")
    Path cache;

    @Option(names = "--heldout", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "Share of emoji names kept out of training (default: ${DEFAULT-VALUE}).")
    double heldout;

    @Option(names = "--background", paramLabel = "RRGGBB", defaultValue = "ffffff",
            description = "Background colour the transparent emoji are composited on (default: ${DEFAULT-VALUE}).")
    String background;

    @Option(names = "--threads", paramLabel = "N", description = "Rendering threads (default: number of CPU cores).")
    Integer threads;

    @Option(names = "--npm", paramLabel = "COMMAND", defaultValue = "npm", description = "The npm executable (default: ${DEFAULT-VALUE}).")
    String npm;

    @Option(names = "--contact-sheet", paramLabel = "PNG",
            description = "Also write a grid of 64 random pictures with their captions to this PNG.")
    Path contactSheet;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<EmojiSet> chosen = EmojiSet.parseList(sets);
            Path outDir = out != null ? out : CACHE_HOME.resolve("datasets").resolve("emoji-" + size);
            int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            var options = new EmojiDatasetBuilder.Options(outDir, size, chosen, parseRgb(background), heldout, threadCount);

            NpmPackageCache npmCache = new NpmPackageCache(cache != null ? cache : CACHE_HOME.resolve("npm"), npm);
            List<NpmPackage> packages = new ArrayList<>();
            packages.add(EmojiNames.PACKAGE);
            chosen.forEach(s -> packages.add(s.npmPackage()));
            List<NpmPackage> installed = npmCache.ensureInstalled(packages, line -> println(o, line));
            if (installed.isEmpty()) {
                println(o, "npm: all " + packages.size() + " packages already in " + npmCache.root());
            }
            Map<EmojiSet, Path> dirs = new EnumMap<>(EmojiSet.class);
            chosen.forEach(s -> dirs.put(s, npmCache.packageDir(s.npmPackage())));

            BuildReport report = new EmojiDatasetBuilder(options)
                    .build(dirs, npmCache.packageDir(EmojiNames.PACKAGE), line -> println(o, line));
            printSummary(o, report);
            if (contactSheet != null) {
                EmojiDataset dataset = EmojiDataset.open(report.outDir());
                ContactSheet.write(dataset, ContactSheet.randomEntries(dataset, 64, 1), 8, contactSheet);
                println(o, "contact sheet: " + contactSheet.toAbsolutePath());
            }
            return EXIT_OK;
        } catch (InvalidRequestException e) {
            err.println("studio dataset build: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        } catch (Exception e) {
            err.println("studio dataset build failed: " + e);
            err.flush();
            return EXIT_FAILED;
        }
    }

    private static int parseRgb(String hex) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (!h.matches("[0-9a-fA-F]{6}")) {
            throw new InvalidRequestException("--background must be a colour as RRGGBB hex, e.g. ffffff, got '" + hex + "'");
        }
        return Integer.parseInt(h, 16);
    }

    private static void printSummary(PrintWriter o, BuildReport r) {
        println(o, "");
        println(o, String.format(Locale.ROOT, "%-8s %7s  %s", "set", "images", "skipped"));
        for (BuildReport.SetReport s : r.sets()) {
            StringBuilder skipped = new StringBuilder();
            for (Map.Entry<SkipReason, Integer> e : s.skipped().entrySet()) {
                skipped.append(skipped.isEmpty() ? "" : ", ").append(e.getValue()).append(' ')
                        .append(e.getKey().description());
            }
            println(o, String.format(Locale.ROOT, "%-8s %7d  %s", s.set().id(), s.written(),
                    skipped.isEmpty() ? "-" : skipped));
            s.notes().stream().limit(10).forEach(n -> println(o, "         ! " + n));
            if (s.notes().size() > 10) {
                println(o, "         ! ... and " + (s.notes().size() - 10) + " more");
            }
        }
        println(o, String.format(Locale.ROOT, "train: %d pictures of %d names; held out: %d pictures of %d names",
                r.trainImages(), r.trainNames(), r.heldoutImages(), r.heldoutNames()));
        println(o, String.format(Locale.ROOT, "wrote %s (%.1f MB) in %.1f s", r.outDir(), r.bytes() / 1e6, r.seconds()));
    }

    private static void println(PrintWriter o, String line) {
        o.println(line);
        o.flush();
    }
}
