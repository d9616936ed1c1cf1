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

/**
 * {@code studio train report}: the model card's figures, from the exported model and the training
 * logs: loss curves, the 4×8 sample grid, colour prompt adherence, img2img style transfer and the
 * time of a 20-step generation. Every number on the card comes from this command.
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

    @Option(names = "--guidance", paramLabel = "G", defaultValue = "5.0",
            description = "Classifier-free guidance of every generated figure (default: ${DEFAULT-VALUE}).")
    double guidance;

    @Override
    public Integer call() throws Exception {
        for (Path p : new Path[] {modelDir.resolve("emoji-ldm.safetensors"), modelDir.resolve(ModelExport.TOKENIZER_FILE)}) {
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
            try {
                return DefaultModel.loadFrom(modelDir.resolve("emoji-ldm.safetensors"),
                        modelDir.resolve(ModelExport.TOKENIZER_FILE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            DiffusionModel model = repo.get(MODEL).model();
            System.out.printf(Locale.ROOT, "model: U-Net %,d, text encoder %,d, autoencoder %,d parameters%n",
                    model.unet().parameterCount(), ((studio.engine.nn.Module) model.textEncoder()).parameterCount(),
                    model.vae().parameterCount());
            {
                StableDiffusionGenerator gen = new StableDiffusionGenerator(repo);
                System.out.printf(Locale.ROOT, "figures with 20 DDIM steps, guidance %.1f%n", guidance);
                SampleGrid.render(gen, MODEL, SampleGrid.PROMPTS, 4, 20, guidance, figures.resolve("samples-4x8.png"));
                System.out.println("sample grid (rows: " + String.join(" | ", SampleGrid.PROMPTS) + "; columns: seeds"
                        + " 1000-1003): " + figures.resolve("samples-4x8.png"));
                timing(gen);
                adherence(gen, List.of("heart", "circle", "square"), List.copyOf(ColourAdherence.HUES.keySet()),
                        "seen colour-shape captions", figures.resolve("colour-seen.png"));
                adherence(gen, List.of("apple", "star"), List.of("orange", "blue", "purple", "yellow", "red", "green"),
                        "new combinations", figures.resolve("colour-new.png"));
                styleTransfer(gen, figures.resolve("img2img-styles.png"));
            }
        }
        return StudioCommand.EXIT_OK;
    }

    private GenerationRequest.Builder base(String prompt, long seed) {
        return GenerationRequest.builder().prompt(prompt).size(64, 64).steps(20).guidanceScale(guidance).seed(seed)
                .sampler("DDIM").previewEvery(0).modelId(MODEL);
    }

    private void timing(StableDiffusionGenerator gen) {
        gen.generate(base("red apple, noto style", 1).build(), Progress.NONE); // warm-up
        int runs = 5;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            gen.generate(base("red apple, noto style", 2 + i).build(), Progress.NONE);
        }
        System.out.printf(Locale.ROOT, "20-step DDIM generation at 64x64 with guidance: %.2f s (mean of %d, %d threads)%n",
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
