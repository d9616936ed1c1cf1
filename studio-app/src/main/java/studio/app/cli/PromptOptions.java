package studio.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.A1111Parameters;
import studio.engine.io.PngImages;
import studio.engine.sampling.Samplers;

/** The options every generating command shares; unset options keep the studio's defaults (or --from-png's values). */
public final class PromptOptions {
    @Option(names = "--prompt", description = "What to draw.")
    String prompt;

    @Option(names = "--negative", description = "What to avoid.")
    String negative;

    @Option(names = "--from-png", paramLabel = "FILE",
            description = "Start from the parameters stored in a PNG (this app's or AUTOMATIC1111's); other options override them.")
    Path fromPng;

    @Option(names = "--model", description = "'default', a .safetensors checkpoint or a diffusers folder (default: default).")
    String model;

    @Option(names = "--tokenizer", paramLabel = "DIR", description = "CLIP tokenizer folder (vocab.json, merges.txt) for a single-file checkpoint.")
    Path tokenizer;

    @Option(names = "--prediction", description = "eps or v: override what the checkpoint predicts.")
    String prediction;

    @Option(names = "--clip-skip", description = "1 = last text-encoder layer, 2 = the one before, ... up to "
            + GenerationRequest.MAX_CLIP_SKIP + " (default: 1).")
    Integer clipSkip;

    @Option(names = "--sampler", completionCandidates = SamplerNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ddim).")
    String sampler;

    @Option(names = "--steps", description = "Denoising steps, 1 to " + GenerationRequest.MAX_STEPS + " (default: 20).")
    Integer steps;

    @Option(names = "--cfg", description = "Guidance scale, 0 to " + GenerationRequest.MAX_GUIDANCE
            + "; 1 skips the unconditional pass (default: 7).")
    Double cfg;

    @Option(names = "--seed", description = "Seed; batch item i uses seed+i (default: 1).")
    Long seed;

    @Option(names = "--width", description = "Width in pixels, a multiple of " + GenerationRequest.SIZE_MULTIPLE
            + " up to " + GenerationRequest.MAX_SIDE + " (default: 64).")
    Integer width;

    @Option(names = "--height", description = "Height in pixels, a multiple of " + GenerationRequest.SIZE_MULTIPLE
            + " up to " + GenerationRequest.MAX_SIDE + " (default: 64).")
    Integer height;

    @Option(names = "--batch", description = "Number of images, 1 to " + GenerationRequest.MAX_BATCH + " (default: 1).")
    Integer batch;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--preview-every", paramLabel = "N|auto",
            description = "Full VAE decode of the live preview every N steps; 0 = never; auto = every 5 steps while "
                    + "they cost under 8%% of the time (default: auto). Previews are made only with --preview-dir.")
    String previewEvery;

    @Option(names = "--preview-dir", paramLabel = "DIR", description = "Write each step's preview image here.")
    Path previewDir;

    @Option(names = "--out", required = true, description = "Output PNG; with --batch N, FILE-0.png ... FILE-(N-1).png.")
    Path out;

    /** The sampler names for --sampler's help, from the engine's one list of them. */
    static final class SamplerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Samplers.names().iterator();
        }
    }

    /** The request these options describe, on top of --from-png's parameters when given. */
    GenerationRequest.Builder toBuilder() {
        GenerationRequest.Builder b = GenerationRequest.builder();
        if (fromPng != null) {
            String text = PngImages.parameters(fromPng).orElseThrow(() -> new InvalidRequestException(
                    fromPng + " carries no generation parameters (no 'parameters' text chunk)"));
            A1111Parameters.parse(text).applyTo(b);
        } else if (prompt == null) {
            throw new InvalidRequestException("give --prompt TEXT (or --from-png FILE to reuse a PNG's parameters)");
        }
        Optional.ofNullable(prompt).ifPresent(b::prompt);
        Optional.ofNullable(negative).ifPresent(b::negativePrompt);
        b.modelId(model == null ? GenerationRequest.DEFAULT_MODEL : model);
        Optional.ofNullable(clipSkip).ifPresent(b::clipSkip);
        Optional.ofNullable(sampler).ifPresent(b::sampler);
        Optional.ofNullable(steps).ifPresent(b::steps);
        Optional.ofNullable(cfg).ifPresent(b::guidanceScale);
        Optional.ofNullable(seed).ifPresent(b::seed);
        Optional.ofNullable(width).ifPresent(b::width);
        Optional.ofNullable(height).ifPresent(b::height);
        Optional.ofNullable(batch).ifPresent(b::batchSize);
        Optional.ofNullable(previewEvery).map(PromptOptions::previewInterval).ifPresent(b::previewEvery);
        return b;
    }

    private static int previewInterval(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return GenerationRequest.PREVIEW_AUTO;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequestException("--preview-every must be a number of steps, 0 (never) or auto, got '" + value + "'");
    }
}
