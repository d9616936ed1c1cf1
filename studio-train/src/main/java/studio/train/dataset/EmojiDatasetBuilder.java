package studio.train.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import studio.engine.api.InvalidRequestException;

/**
 * Builds the emoji training set from installed npm packages:
 * 1. read the CLDR names, 2. list each set's pictures, 3. filter, 4. render and save the PNGs,
 * 5. split by name, 6. write {@code manifest.jsonl} and {@code dataset.json}.
 * Output layout: {@code <out>/images/<style>/<name_with_underscores>.png}.
 */
public final class EmojiDatasetBuilder {
    private static final int LOG_EVERY = 500;

    /**
     * @param outDir          the dataset folder; created, or rebuilt if it holds an earlier dataset
     * @param size            picture width and height
     * @param sets            the sets to include, in order
     * @param backgroundRgb   the flat background as 0xRRGGBB
     * @param heldoutFraction share of names held out, see {@link HeldoutSplit}
     * @param threads         rendering threads
     */
    public record Options(Path outDir, int size, List<EmojiSet> sets, int backgroundRgb, double heldoutFraction,
                          int threads) {
        public Options {
            if (size < 8 || size > 1024) {
                throw new InvalidRequestException("--size must be between 8 and 1024 pixels, got " + size);
            }
            if (sets.isEmpty()) {
                throw new InvalidRequestException("no emoji set chosen");
            }
            if (threads < 1) {
                throw new InvalidRequestException("--threads must be at least 1, got " + threads);
            }
            new HeldoutSplit(heldoutFraction); // validates
            sets = List.copyOf(sets);
        }
    }

    private final Options options;
    private final EmojiFilter filter = new EmojiFilter();

    public EmojiDatasetBuilder(Options options) {
        this.options = options;
    }

    /**
     * @param packageDirs     the installed package folder of each chosen set
     * @param namesPackageDir the installed {@code unicode-emoji-json} folder
     * @param log             progress lines for a person
     */
    public BuildReport build(Map<EmojiSet, Path> packageDirs, Path namesPackageDir, Consumer<String> log)
            throws IOException {
        long start = System.nanoTime();
        // 1. names
        EmojiNames names = EmojiNames.load(namesPackageDir);
        // 2-3. list and filter every set
        List<SetListing> listings = new ArrayList<>();
        Map<EmojiSet, Map<SkipReason, Integer>> skipped = new EnumMap<>(EmojiSet.class);
        Map<EmojiSet, List<SourceImage>> kept = new EnumMap<>(EmojiSet.class);
        for (EmojiSet set : options.sets()) {
            Path dir = packageDirs.get(set);
            if (dir == null) {
                throw new IllegalArgumentException("no package folder given for set " + set.id());
            }
            SetListing listing = list(set, dir, names);
            listings.add(listing);
            Map<SkipReason, Integer> counts = new EnumMap<>(SkipReason.class);
            counts.putAll(listing.skipped());
            kept.put(set, keep(listing, counts));
            skipped.put(set, counts);
        }
        // 4. render
        Path out = prepareOutDir(options.outDir());
        EmojiRasterizer rasterizer = new EmojiRasterizer(options.size(), options.backgroundRgb());
        HeldoutSplit split = new HeldoutSplit(options.heldoutFraction());
        List<ManifestEntry> manifest = new ArrayList<>();
        Map<EmojiSet, List<String>> problems = new EnumMap<>(EmojiSet.class);
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            for (EmojiSet set : options.sets()) {
                List<SourceImage> images = kept.get(set);
                Path styleDir = Files.createDirectories(out.resolve(DatasetFiles.IMAGES).resolve(set.id()));
                List<Future<Optional<String>>> jobs = new ArrayList<>();
                for (SourceImage image : images) {
                    jobs.add(pool.submit(() -> renderOne(rasterizer, image, styleDir)));
                }
                List<String> setProblems = new ArrayList<>();
                for (int i = 0; i < images.size(); i++) {
                    Optional<String> problem = await(jobs.get(i));
                    if (problem.isPresent()) {
                        setProblems.add(problem.get());
                        skipped.get(set).merge(SkipReason.RENDER_FAILED, 1, Integer::sum);
                    } else {
                        manifest.add(entry(images.get(i), split));
                    }
                    if ((i + 1) % LOG_EVERY == 0) {
                        log.accept(set.id() + ": " + (i + 1) + "/" + images.size());
                    }
                }
                problems.put(set, setProblems);
                log.accept(set.id() + ": " + (images.size() - setProblems.size()) + " pictures"
                        + (setProblems.isEmpty() ? "" : ", " + setProblems.size() + " failed to render"));
            }
        } finally {
            pool.shutdownNow();
        }
        // 5-6. manifest and info
        DatasetFiles.writeManifest(out, manifest);
        int heldout = (int) manifest.stream().filter(e -> e.splitValue() == Split.HELDOUT).count();
        List<DatasetInfo.SetInfo> setInfos = options.sets().stream().map(set -> new DatasetInfo.SetInfo(set.id(),
                set.npmPackage().name(), set.npmPackage().version(), set.licence(), set.attribution(),
                (int) manifest.stream().filter(e -> e.style().equals(set.id())).count())).toList();
        DatasetFiles.writeInfo(out, new DatasetInfo(DatasetInfo.FORMAT, options.size(),
                String.format(Locale.ROOT, "#%06x", options.backgroundRgb() & 0xFFFFFF), options.heldoutFraction(),
                EmojiNames.PACKAGE.spec(), setInfos, manifest.size() - heldout, heldout));

        List<BuildReport.SetReport> setReports = new ArrayList<>();
        for (SetListing listing : listings) {
            EmojiSet set = listing.set();
            List<String> notes = new ArrayList<>(problems.get(set));
            listing.unnamed().forEach(u -> notes.add("no CLDR name: " + u));
            int written = (int) manifest.stream().filter(e -> e.style().equals(set.id())).count();
            setReports.add(new BuildReport.SetReport(set, written, skipped.get(set), notes));
        }
        Set<String> heldoutNames = new HashSet<>();
        Set<String> trainNames = new HashSet<>();
        manifest.forEach(e -> (e.splitValue() == Split.HELDOUT ? heldoutNames : trainNames).add(e.name()));
        return new BuildReport(out, setReports, manifest.size() - heldout, heldout, trainNames.size(),
                heldoutNames.size(), folderBytes(out), (System.nanoTime() - start) / 1e9);
    }

    private static SetListing list(EmojiSet set, Path dir, EmojiNames names) throws IOException {
        return switch (set) {
            case NOTO -> EmojiDatasourceCatalog.list(set, "google", dir, names);
            case TWEMOJI -> EmojiDatasourceCatalog.list(set, "twitter", dir, names);
            case FLUENT -> FluentCatalog.list(set, dir, names);
        };
    }

    /** Applies the filter and drops second pictures of a name; sorted by name for a stable manifest. */
    private List<SourceImage> keep(SetListing listing, Map<SkipReason, Integer> counts) {
        List<SourceImage> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<SourceImage> sorted = listing.images().stream()
                .sorted(Comparator.comparing((SourceImage i) -> i.name().cleanName())
                        .thenComparing(i -> i.file().getFileName().toString()))
                .toList();
        for (SourceImage image : sorted) {
            Optional<SkipReason> reason = filter.reasonToSkip(image.name().key(), image.name().cldrName());
            if (reason.isPresent()) {
                counts.merge(reason.get(), 1, Integer::sum);
            } else if (!seen.add(image.name().cleanName())) {
                counts.merge(SkipReason.DUPLICATE_NAME, 1, Integer::sum);
            } else {
                kept.add(image);
            }
        }
        return kept;
    }

    /** Renders and saves one picture; returns a problem line instead of throwing, so one bad file costs one picture. */
    private static Optional<String> renderOne(EmojiRasterizer rasterizer, SourceImage image, Path styleDir) {
        try {
            BufferedImage picture = rasterizer.render(image.file());
            Path target = styleDir.resolve(Captions.fileStem(image.name().cleanName()) + ".png");
            if (!ImageIO.write(picture, "png", target.toFile())) {
                return Optional.of(target + ": no PNG writer");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(image.file().getFileName() + ": " + e.getMessage());
        }
    }

    private static ManifestEntry entry(SourceImage image, HeldoutSplit split) {
        EmojiSet set = image.set();
        String name = image.name().cleanName();
        return new ManifestEntry(DatasetFiles.IMAGES + "/" + set.id() + "/" + Captions.fileStem(name) + ".png",
                Captions.caption(name, set.id()), set.id(), name, image.name().group(), image.name().key(),
                split.of(name).id(), set.npmPackage().name(), set.npmPackage().version(), set.licence());
    }

    /**
     * Creates the folder, or empties an earlier dataset in it. A non-empty folder that is not a dataset is
     * refused rather than cleared: it may hold the user's files.
     */
    private static Path prepareOutDir(Path outDir) throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        if (Files.isDirectory(out)) {
            boolean empty;
            try (Stream<Path> children = Files.list(out)) {
                empty = children.findAny().isEmpty();
            }
            if (!empty && !Files.isRegularFile(out.resolve(DatasetFiles.MARKER))) {
                throw new InvalidRequestException("output folder " + out + " is not empty and was not made by"
                        + " 'studio dataset build'; choose an empty or new folder with --out");
            }
            deleteTree(out.resolve(DatasetFiles.IMAGES));
            Files.deleteIfExists(out.resolve(DatasetFiles.MANIFEST));
            Files.deleteIfExists(out.resolve(DatasetFiles.INFO));
        }
        Files.createDirectories(out);
        // Marks the folder as ours before the first picture, so an interrupted build can be rebuilt in place.
        Files.writeString(out.resolve(DatasetFiles.MARKER), "made by studio dataset build\n");
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("dataset build interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("rendering failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }
}
