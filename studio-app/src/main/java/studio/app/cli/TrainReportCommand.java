package studio.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.edit.OutpaintCanvas;
import studio.engine.edit.OutpaintFill;
import studio.engine.edit.OutpaintPreparation;
import studio.engine.image.RgbImage;
import studio.engine.io.PngImages;
import studio.engine.model.DefaultModel;
import studio.engine.model.DiffusionModel;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;
import studio.train.ModelExport;
import studio.train.SampleGrid;
import studio.train.report.ColourAdherence;
import studio.train.report.LossPlot;
import studio.train.report.ShapeMatch;

/**
 * {@code studio train report}: the model card's figures, from the exported model and the training
 * logs: loss curves, the 4×8 sample grid, colour prompt adherence, img2img style transfer and the
 * time of a generation, all at the studio's default steps, sampler and guidance unless {@code --guidance} says
 * otherwise. Every number on the card comes from this command.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Measure the exported default model and draw the model card's figures.")
public final class TrainReportCommand implements Callable<Integer> {
    private static final String MODEL = "emoji-ldm";
    private static final String[] STYLES = {"noto", "twemoji", "fluent"};

    @Mixin
    TrainFolders folders;

    @Option(names = "--model-dir", paramLabel = "DIR", defaultValue = "assets/models/emoji-ldm",
            description = "Folder with emoji-ldm.safetensors and vocabulary.json (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    /** What a user gets: steps, sampler and guidance of every figure are the studio's defaults (issue 21's rule). */
    private static final GenerationRequest STUDIO_DEFAULTS = GenerationRequest.builder().build();

    @Option(names = "--guidance", paramLabel = "G",
            description = "Classifier-free guidance of every generated figure (default: the studio's default guidance).")
    Double guidance;

    @Option(names = "--compare-with", paramLabel = "DIR",
            description = "Folder of another release (emoji-ldm.safetensors, vocabulary.json): draw figures/compare.png, "
                    + "the sample prompts and seeds with both models side by side (theirs left, this one right).")
    Path compareWith;

    private static final String OTHER = "compare";

    @Override
    public Integer call() throws Exception {
        List<Path> needed = new ArrayList<>(List.of(modelDir.resolve("emoji-ldm.safetensors"),
                modelDir.resolve(ModelExport.TOKENIZER_FILE)));
        if (compareWith != null) {
            needed.addAll(List.of(compareWith.resolve("emoji-ldm.safetensors"), compareWith.resolve(ModelExport.TOKENIZER_FILE)));
        }
        for (Path p : needed) {
            if (!Files.isRegularFile(p)) {
                throw new InvalidRequestException(p + " is missing: export the model first ('studio train export') "
                        + "or point --model-dir at the folder that holds it");
            }
        }
        Path figures = modelDir.resolve("figures");
        Files.createDirectories(figures);
        Path work = folders.workDir();
        if (Files.exists(work.resolve("vae-log.csv"))) {
            LossPlot.write(work.resolve("vae-log.csv"), "loss", "autoencoder", figures.resolve("loss-vae.png"));
            LossPlot.write(work.resolve("unet-log.csv"), "loss", "U-Net", figures.resolve("loss-unet.png"));
            System.out.println("loss curves: " + figures.resolve("loss-vae.png") + ", " + figures.resolve("loss-unet.png"));
        }
        try (ModelRepository repo = new ModelRepository(id -> {
            Path dir = id.equals(OTHER) ? compareWith : modelDir;
            try {
                return DefaultModel.loadFrom(dir.resolve("emoji-ldm.safetensors"), dir.resolve(ModelExport.TOKENIZER_FILE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            DiffusionModel model = repo.get(MODEL).model();
            System.out.printf(Locale.ROOT, "model: U-Net %,d, text encoder %,d, autoencoder %,d parameters%n",
                    model.unet().parameterCount(), ((studio.engine.nn.Module) model.textEncoder()).parameterCount(),
                    model.vae().parameterCount());
            {
                StableDiffusionGenerator gen = new StableDiffusionGenerator(repo).withCallersThreadCount();
                System.out.printf(Locale.ROOT, "figures with %d %s steps, guidance %.1f%s%n", STUDIO_DEFAULTS.steps(),
                        STUDIO_DEFAULTS.sampler(), guidance(), guidance == null ? " (the studio's defaults)" : "");
                SampleGrid.render(gen, MODEL, SampleGrid.PROMPTS, 4, STUDIO_DEFAULTS.steps(), guidance(),
                        figures.resolve("samples-4x8.png"));
                System.out.println("sample grid (rows: " + String.join(" | ", SampleGrid.PROMPTS) + "; columns: seeds"
                        + " 1000-1003): " + figures.resolve("samples-4x8.png"));
                timing(gen);
                adherence(gen, List.of("heart", "circle", "square"), List.copyOf(ColourAdherence.HUES.keySet()),
                        "seen colour-shape captions", figures.resolve("colour-seen.png"));
                adherence(gen, List.of("apple", "star"), List.of("orange", "blue", "purple", "yellow", "red", "green"),
                        "new combinations", figures.resolve("colour-new.png"));
                styleTransfer(gen, figures.resolve("img2img-styles.png"));
                outpaint(gen, figures.resolve("outpaint.png"));
                shapes(gen, figures.resolve("shapes.png"));
                if (compareWith != null) {
                    compare(gen, figures.resolve("compare.png"));
                }
            }
        }
        return StudioCommand.EXIT_OK;
    }

    private GenerationRequest.Builder base(String prompt, long seed) {
        return GenerationRequest.builder().prompt(prompt).size(64, 64).steps(STUDIO_DEFAULTS.steps())
                .sampler(STUDIO_DEFAULTS.sampler()).guidanceScale(guidance()).seed(seed).previewEvery(0).modelId(MODEL);
    }

    private double guidance() {
        return guidance != null ? guidance : STUDIO_DEFAULTS.guidanceScale();
    }

    private void timing(StableDiffusionGenerator gen) {
        gen.generate(base("red apple, noto style", 1).build(), Progress.NONE); // warm-up
        int runs = 5;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            gen.generate(base("red apple, noto style", 2 + i).build(), Progress.NONE);
        }
        System.out.printf(Locale.ROOT, "%d-step %s generation at 64x64 with guidance: %.2f s (mean of %d, %d threads)%n",
                STUDIO_DEFAULTS.steps(), STUDIO_DEFAULTS.sampler(),
                (System.nanoTime() - t0) / 1e9 / runs, runs, Runtime.getRuntime().availableProcessors());
    }

    private void adherence(StableDiffusionGenerator gen, List<String> objects, List<String> colours, String label,
                           Path png) throws Exception {
        List<String> named = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        List<List<RgbImage>> rows = new ArrayList<>();
        for (String colour : colours) {
            List<RgbImage> row = new ArrayList<>();
            for (String object : objects) {
                for (int s = 0; s < STYLES.length; s++) {
                    String prompt = colour + " " + object + ", " + STYLES[s] + " style";
                    RgbImage img = gen.generate(base(prompt, 500 + s).build(), Progress.NONE).get(0);
                    named.add(colour);
                    images.add(img);
                    row.add(img);
                }
            }
            rows.add(row);
        }
        SampleGrid.write(rows, png);
        double acc = ColourAdherence.accuracy(named, images);
        System.out.printf(Locale.ROOT, "colour adherence, %s (%s x %s x 3 styles): %.0f%% of %d pictures"
                        + " have the named hue (chance %.0f%%); grid %s%n", label, colours, objects, acc * 100,
                images.size(), 100.0 / ColourAdherence.HUES.size(), png);
    }

    /**
     * The shape figure: for each of {@link ShapeMatch#NAMES}, six seeds (styles in turn), judged by
     * nearest-neighbour matching against that name list's training pictures; then the two sample-grid
     * prompts whose colour is new for their object.
     */
    private void shapes(StableDiffusionGenerator gen, Path png) throws Exception {
        java.util.Map<String, List<RgbImage>> references = new java.util.LinkedHashMap<>();
        for (String name : ShapeMatch.NAMES) {
            List<RgbImage> list = new ArrayList<>();
            for (String style : STYLES) {
                Path file = folders.dataDir().resolve("images/" + style + "/" + name.replace(' ', '_') + ".png");
                if (!Files.exists(file)) {
                    throw new InvalidRequestException("the shape figure needs " + file + ": build the dataset first "
                            + "('studio dataset build --size 64') or pass --data");
                }
                list.add(PngImages.read(file));
            }
            references.put(name, list);
        }
        ShapeMatch matcher = new ShapeMatch(references);
        List<List<RgbImage>> rows = new ArrayList<>();
        int hits = 0;
        int total = 0;
        StringBuilder perName = new StringBuilder();
        java.util.Map<String, String> prompts = new java.util.LinkedHashMap<>();
        for (String name : ShapeMatch.NAMES) {
            prompts.put(name, name);
        }
        prompts.put("blue apple", "red apple");
        prompts.put("yellow star", "star");
        for (var e : prompts.entrySet()) {
            List<RgbImage> row = new ArrayList<>();
            int own = 0;
            for (int seed = 1; seed <= 6; seed++) {
                String prompt = e.getKey() + ", " + STYLES[(seed - 1) % STYLES.length] + " style";
                RgbImage img = gen.generate(base(prompt, seed).build(), Progress.NONE).get(0);
                row.add(img);
                own += matcher.nearest(img).equals(e.getValue()) ? 1 : 0;
            }
            rows.add(row);
            boolean listed = ShapeMatch.NAMES.contains(e.getKey());
            if (listed) {
                hits += own;
                total += 6;
            }
            perName.append(String.format(Locale.ROOT, "%s%s %d/6", perName.length() == 0 ? "" : ", ",
                    listed ? e.getKey() : e.getKey() + " (as " + e.getValue() + ")", own));
        }
        SampleGrid.write(rows, png);
        System.out.printf(Locale.ROOT, "shapes: %.0f%% of %d pictures (%d names x 6 seeds) matched to their own name "
                        + "(chance %.0f%%): %s; matcher's own leave-one-out accuracy on the training pictures %.0f%% "
                        + "of %d; grid %s%n", 100.0 * hits / total, total, ShapeMatch.NAMES.size(),
                100.0 / ShapeMatch.NAMES.size(), perName, matcher.leaveOneOutAccuracy() * 100,
                ShapeMatch.NAMES.size() * STYLES.length, png);
    }

    /** The sample prompts and seeds drawn by the other release (left four) and this one (right four). */
    private void compare(StableDiffusionGenerator gen, Path png) throws Exception {
        List<List<RgbImage>> rows = new ArrayList<>();
        for (String prompt : SampleGrid.PROMPTS) {
            List<RgbImage> row = new ArrayList<>();
            for (String model : new String[] {OTHER, MODEL}) {
                for (int s = 0; s < 4; s++) {
                    row.add(gen.generate(base(prompt, 1000 + s).modelId(model).build(), Progress.NONE).get(0));
                }
            }
            rows.add(row);
        }
        SampleGrid.write(rows, png);
        System.out.println("comparison with " + compareWith + " (left: it, right: this model; rows: "
                + String.join(" | ", SampleGrid.PROMPTS) + "): " + png);
    }

    /**
     * Outpainting as the README's example does it: a picture of the model's own, extended 32 px to the
     * right and 16 down with the extend fill and the new area drawn from noise (strength 1); per row the
     * picture on its larger canvas (the empty part grey), then four seeds.
     */
    private void outpaint(StableDiffusionGenerator gen, Path png) throws Exception {
        List<List<RgbImage>> rows = new ArrayList<>();
        for (String prompt : List.of("red apple, noto style", "grinning face, twemoji style")) {
            RgbImage source = gen.generate(base(prompt, 1000).build(), Progress.NONE).get(0);
            OutpaintCanvas canvas = OutpaintCanvas.create(source, 0, 32, 0, 16, OutpaintFill.EXTEND,
                    OutpaintPreparation.defaultOverlap(source.width() + 32, source.height() + 16), 0);
            int w = canvas.image().width();
            int h = canvas.image().height();
            int[] before = new int[w * h];
            java.util.Arrays.fill(before, 0xFF808080);
            for (int y = 0; y < source.height(); y++) {
                for (int x = 0; x < source.width(); x++) {
                    before[y * w + x] = source.argb(x, y) | 0xFF000000;
                }
            }
            List<RgbImage> row = new ArrayList<>(List.of(new RgbImage(w, h, before)));
            for (int seed = 1; seed <= 4; seed++) {
                row.add(gen.generate(base(prompt, seed).initImage(canvas.image()).mask(canvas.mask()).maskBlur(0)
                        .strength(1.0).size(w, h).build(), Progress.NONE).get(0));
            }
            rows.add(row);
        }
        SampleGrid.write(rows, png);
        System.out.println("outpainting (the README's example: +32 px right, +16 px down, extend fill, strength 1; "
                + "rows: red apple, grinning face; the picture, then seeds 1-4): " + png);
    }

    private void styleTransfer(StableDiffusionGenerator gen, Path png) throws Exception {
        String[] subjects = {"red apple", "grinning face", "cat face", "fire"};
        List<List<RgbImage>> rows = new ArrayList<>();
        for (String subject : subjects) {
            Path source = folders.dataDir().resolve("images/noto/" + subject.replace(' ', '_') + ".png");
            if (!Files.exists(source)) {
                continue;
            }
            RgbImage init = PngImages.read(source);
            List<RgbImage> row = new ArrayList<>(List.of(init));
            for (String style : new String[] {"twemoji", "fluent"}) {
                row.add(gen.generate(base(subject + ", " + style + " style", 7).initImage(init).strength(0.6).build(),
                        Progress.NONE).get(0));
            }
            rows.add(row);
        }
        SampleGrid.write(rows, png);
        System.out.println("img2img style transfer (noto -> twemoji, fluent; strength 0.6): " + png);
    }
}
