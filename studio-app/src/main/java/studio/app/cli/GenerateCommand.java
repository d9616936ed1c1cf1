package studio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.app.Wiring;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;

/** {@code studio generate}: one request from the command line, written as PNG files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate images from a prompt and write them as PNG files.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--prompt", required = true, description = "What to draw.")
    String prompt;

    @Option(names = "--negative", defaultValue = "", description = "What to avoid.")
    String negative;

    @Option(names = "--model", defaultValue = "default",
            description = "'default', a .safetensors checkpoint or a diffusers folder (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--sampler", defaultValue = "ddim",
            description = "ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddpm (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--steps", defaultValue = "20", description = "Denoising steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--cfg", defaultValue = "7", description = "Guidance scale (default: ${DEFAULT-VALUE}).")
    double cfg;

    @Option(names = "--seed", defaultValue = "1", description = "Seed; batch item i uses seed+i (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--width", defaultValue = "64", description = "Width in pixels, a multiple of 8 (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "64", description = "Height in pixels, a multiple of 8 (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--batch", defaultValue = "1", description = "Number of images (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--out", required = true, description = "Output PNG; with --batch N, FILE-0.png ... FILE-(N-1).png.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Wiring.checkDevice(device);
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidRequestException("--out must name a .png file, got '" + out + "'");
        }
        GenerationRequest request = GenerationRequest.builder()
                .prompt(prompt).negativePrompt(negative).modelId(model).sampler(sampler).steps(steps)
                .guidanceScale(cfg).seed(seed).size(width, height).batchSize(batch).build().validated();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new java.io.IOException("cannot create the output folder " + parent
                        + " (" + e.getClass().getSimpleName() + "); choose another --out", e);
            }
        }
        try (Wiring wiring = Wiring.create(); DiffusionEngine engine = wiring.engine((image, params) -> {
                Path file = outputFile(out, (int) (params.seed() - request.seed()), request.batchSize());
                wiring.writePng(image, params, file);
                return file;
            })) {
            EngineEvent end = CliRun.runToEnd(engine, request, err);
            if (end instanceof EngineEvent.Finished finished) {
                List<EngineEvent.Result> results = finished.results();
                for (EngineEvent.Result r : results) {
                    stdout.println(r.savedTo());
                }
                err.printf(Locale.ROOT, "done: %d image(s) in %.2f s%n", results.size(),
                        finished.elapsed().toMillis() / 1000.0);
                return StudioCommand.EXIT_OK;
            }
            if (end instanceof EngineEvent.Failed failed) {
                throw failed.message().startsWith("generation failed")
                        ? new IllegalStateException(failed.message())
                        : new InvalidRequestException(failed.message());
            }
            err.println("studio: cancelled");
            return StudioCommand.EXIT_FAILURE;
        }
    }

    static Path outputFile(Path out, int index, int batch) {
        if (batch == 1) {
            return out;
        }
        String name = out.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        return out.resolveSibling(stem + "-" + index + ".png");
    }
}
