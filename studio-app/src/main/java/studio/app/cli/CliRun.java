package studio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import studio.app.Wiring;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.PngImages;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.ModelTokenizers;
import studio.engine.pipeline.FinalDecoder;
import studio.engine.sampling.Prediction;
import studio.engine.text.PromptReading;
import studio.engine.text.PromptTags;
import studio.engine.text.PromptTokenizer;

/**
 * Runs one request for a command: submits it to an engine, prints a progress line per step, writes
 * the results as numbered PNGs (and the previews when asked), and turns the outcome into an exit code.
 */
final class CliRun {
    private CliRun() {
    }

    static int run(PromptOptions o, GenerationRequest request, PrintWriter out, PrintWriter err) throws Exception {
        Wiring.checkDevice(o.device);
        if (!o.out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidRequestException("--out must name a .png file, got '" + o.out + "'");
        }
        if (Files.isDirectory(o.out)) {
            // refused now: found only at saving time, it cost the whole generation
            throw new InvalidRequestException("--out " + o.out + " is a folder; name a file in it, e.g. "
                    + o.out.resolve("image.png"));
        }
        request.validated();
        o.notices.forEach(n -> err.println("studio: notice: " + n));
        CheckpointLoader.Options options = new CheckpointLoader.Options(o.tokenizer, null,
                o.prediction == null ? null : Prediction.parse(o.prediction), null);
        unknownWords(request, options).forEach(n -> err.println("studio: notice: " + n));
        FinalDecoder finalDecoder = o.finalDecoder();
        // nobody looks at the previews without a folder for them: no VAE decodes then
        GenerationRequest job = o.previewDir == null ? request.toBuilder().previewEvery(0).build() : request;
        createFolder(o.out.toAbsolutePath().getParent(), "output");
        if (o.previewDir != null) {
            createFolder(o.previewDir, "preview");
        }
        try (Wiring wiring = Wiring.create(options).withTaesd(o.taesd, finalDecoder);
             DiffusionEngine engine = wiring.engine((image, params) -> {
                Path file = outputFile(o.out, (int) (params.seed() - request.seed()), request.batchSize());
                return Wiring.writePng(image, params, file);
            })) {
            EngineEvent end = runToEnd(engine, job, o.previewDir, err);
            if (end instanceof EngineEvent.Finished finished) {
                for (EngineEvent.Result r : finished.results()) {
                    out.println(r.savedTo());
                }
                err.printf(Locale.ROOT, "done: %d image(s) in %.2f s%n", finished.results().size(),
                        finished.elapsed().toMillis() / 1000.0);
                return StudioCommand.EXIT_OK;
            }
            if (end instanceof EngineEvent.Failed failed) {
                // One line for the user; an internal failure's trace is in the log the message names.
                throw exitCode(failed.kind()) == StudioCommand.EXIT_BAD_INPUT
                        ? new InvalidRequestException(failed.message())
                        : new StudioCommand.LoggedFailure(failed.message());
            }
            err.println("studio: cancelled");
            return exitCode(EngineEvent.Failed.Kind.CANCELLED);
        }
    }

    /**
     * What the studio's prompt counter says in the window, said before the wait: a model with a word
     * vocabulary (the built-in one) reads a word it does not know as one unknown token, which draws
     * nothing. A model whose tokenizer cannot be read gets no notice; generating says what is wrong.
     */
    static List<String> unknownWords(GenerationRequest request, CheckpointLoader.Options options) {
        PromptTokenizer tokenizer;
        try {
            tokenizer = ModelTokenizers.of(request.modelId(), options);
        } catch (RuntimeException e) {
            return List.of();
        }
        List<String> notices = new ArrayList<>();
        // the encoder reads the prompt without its <lora:…> tags, and the negative prompt whole
        String[][] prompts = {{"prompt", PromptTags.strip(request.prompt())}, {"negative prompt", request.negativePrompt()}};
        for (String[] p : prompts) {
            PromptReading reading = tokenizer.read(p[1]);
            if (!reading.unknownWords().isEmpty()) {
                notices.add("the model does not know these words of the " + p[0] + ", and reads each as an unknown "
                        + "token: " + reading.unknownWordsText(Integer.MAX_VALUE));
            }
        }
        return notices;
    }

    /**
     * Exit 2 for what the user can change (the request, an input file, a size this machine cannot hold),
     * 1 for the rest.
     */
    static int exitCode(EngineEvent.Failed.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, INPUT_FILE, OUT_OF_MEMORY -> StudioCommand.EXIT_BAD_INPUT;
            case OUTPUT_FILE, CANCELLED, INTERNAL -> StudioCommand.EXIT_FAILURE;
        };
    }

    private static void createFolder(Path folder, String what) throws IOException {
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("cannot create the " + what + " folder " + folder + " ("
                    + e.getClass().getSimpleName() + "); choose another path", e);
        }
    }

    static Path outputFile(Path out, int index, int batch) {
        if (batch == 1) {
            return out;
        }
        String name = out.getFileName().toString();
        return out.resolveSibling(name.substring(0, name.length() - 4) + "-" + index + ".png");
    }

    private static EngineEvent runToEnd(DiffusionEngine engine, GenerationRequest request, Path previewDir,
                                        PrintWriter err) throws InterruptedException {
        BlockingQueue<EngineEvent> ends = new ArrayBlockingQueue<>(1);
        boolean[] progressShown = {false};
        engine.addListener(e -> {
            if (e instanceof EngineEvent.Step s) {
                progressShown[0] = true;
                double elapsed = s.elapsed().toMillis() / 1000.0;
                long done = (long) s.batchIndex() * s.totalSteps() + s.step();
                long left = (long) request.batchSize() * s.totalSteps() - done;
                long eta = Math.round(elapsed / done * left);
                err.printf(Locale.ROOT, "\rimage %d/%d  step %d/%d  %.1f s  ETA %d:%02d ", s.batchIndex() + 1,
                        request.batchSize(), s.step(), s.totalSteps(), elapsed, eta / 60, eta % 60);
                err.flush();
                if (previewDir != null && s.preview() != null) {
                    writePreview(previewDir, s);
                }
            } else if (!(e instanceof EngineEvent.Started)) {
                if (progressShown[0]) {
                    err.println();
                }
                ends.offer(e);
            }
        });
        engine.submit(request);
        return ends.take();
    }

    private static void writePreview(Path dir, EngineEvent.Step s) {
        Path file = dir.resolve(String.format(Locale.ROOT, "preview-%d-%03d%s.png", s.batchIndex(), s.step(),
                s.fullDecode() ? "-vae" : ""));
        try {
            PngImages.write(s.preview(), file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
