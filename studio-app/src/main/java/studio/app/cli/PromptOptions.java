package studio.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.A1111Parameters;
import studio.engine.io.ControlNetParameters;
import studio.engine.io.ParsedParameters;
import studio.engine.io.PngImages;
import studio.engine.pipeline.FinalDecoder;
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

    @Option(names = "--tokenizer", paramLabel = "DIR", description = "CLIP tokenizer folder (vocab.json, merges.txt) to use "
            + "instead of the CLIP vocabulary that comes with the studio.")
    Path tokenizer;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32, bf16 or fp16: the type the U-Net computes in "
            + "(default: ${DEFAULT-VALUE}; bf16 halves its memory and is faster on CPUs with AVX512-BF16).")
    String precision;

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

    @Option(names = "--taesd", paramLabel = "FILE",
            description = "Tiny autoencoder for the live previews: taesd_decoder.safetensors (taesd_encoder beside it is "
                    + "picked up) or a diffusers AutoencoderTiny file or folder; every written preview is then a TAESD decode.")
    Path taesd;

    @Option(names = "--decode", paramLabel = "vae|taesd",
            description = "What decodes the final image: vae, or taesd for fast drafts (needs --taesd) (default: vae).")
    String decode;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "ControlNet (repeat the group for several):%n")
    List<ControlOptions> controls = new ArrayList<>();

    @Option(names = "--out", required = true, description = "Output PNG; with --batch N, FILE-0.png ... FILE-(N-1).png. "
            + "An existing file is never replaced: the next free name (FILE-2.png, ...) is used; each path written is printed.")
    Path out;

    /** --decode as given, checked against --taesd before anything is loaded. */
    FinalDecoder finalDecoder() {
        FinalDecoder d = decode == null ? FinalDecoder.VAE : FinalDecoder.parse(decode);
        if (d == FinalDecoder.TAESD && taesd == null) {
            throw new InvalidRequestException("--decode taesd needs --taesd FILE (a taesd_decoder.safetensors)");
        }
        return d;
    }

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
        List<ControlNetParameters> restored = List.of();
        if (fromPng != null) {
            String text = PngImages.parameters(fromPng).orElseThrow(() -> new InvalidRequestException(
                    fromPng + " carries no generation parameters (no 'parameters' text chunk)"));
            ParsedParameters parsed = A1111Parameters.parse(text);
            parsed.applyTo(b);
            restored = parsed.controlNets();
        } else if (prompt == null) {
            throw new InvalidRequestException("give --prompt TEXT (or --from-png FILE to reuse a PNG's parameters)");
        }
        Optional.ofNullable(prompt).ifPresent(b::prompt);
        Optional.ofNullable(negative).ifPresent(b::negativePrompt);
        b.modelId(model == null ? GenerationRequest.DEFAULT_MODEL : model);
        Optional.ofNullable(clipSkip).ifPresent(b::clipSkip);
        Optional.ofNullable(sampler).ifPresent(b::sampler);
        Optional.ofNullable(precision).ifPresent(b::precision);
        Optional.ofNullable(steps).ifPresent(b::steps);
        Optional.ofNullable(cfg).ifPresent(b::guidanceScale);
        Optional.ofNullable(seed).ifPresent(b::seed);
        Optional.ofNullable(width).ifPresent(b::width);
        Optional.ofNullable(height).ifPresent(b::height);
        Optional.ofNullable(batch).ifPresent(b::batchSize);
        Optional.ofNullable(previewEvery).map(PromptOptions::previewInterval).ifPresent(b::previewEvery);
        List<ControlUnit> units = new ArrayList<>();
        for (int i = 0; i < controls.size(); i++) {
            units.add(controls.get(i).toUnit(i < restored.size() ? restored.get(i) : null));
        }
        b.controls(units);
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
