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
import studio.engine.api.Variation;
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

    @Option(names = "--lora", paramLabel = "FILE[:WEIGHT]",
            description = "Apply a LoRA (.safetensors) with a weight (default 1, up to ±" + GenerationRequest.MAX_LORA_WEIGHT
                    + "); repeatable. The prompt's <lora:NAME:WEIGHT> tags name files in --lora-dir.")
    java.util.List<String> loras = new java.util.ArrayList<>();

    @Option(names = "--lora-dir", paramLabel = "DIR",
            description = "Folder of the LoRAs <lora:NAME:WEIGHT> names by file stem (default: the models folder's loras/).")
    Path loraDir;

    @Option(names = "--embedding-dir", paramLabel = "DIR", description = "Folder of textual-inversion embeddings; a prompt "
            + "word equal to a file's stem (or embedding:NAME) becomes its vectors (default: the models folder's embeddings/).")
    Path embeddingDir;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32, bf16 or fp16: the type the weights are held in "
            + "(default: ${DEFAULT-VALUE}); bf16 and fp16 halve the memory, and on CPUs with bf16 instructions (AVX512-BF16, "
            + "AMX) bf16 also computes in bf16, about 1.5x faster than fp32.")
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

    @Option(names = "--variation-seed", paramLabel = "V", description = "AUTOMATIC1111's variation seed: bend the "
            + "seed's starting noise towards seed V's (batch item i: V+i); needs --variation-strength.")
    Long variationSeed;

    @Option(names = "--variation-strength", paramLabel = "S", description = "How far towards the variation seed, "
            + "0 (the seed's own picture) to 1 (the variation seed's).")
    Double variationStrength;

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

    /** What the user should know about the request that is not an error (a LoRA file that differs from the PNG's). */
    final java.util.List<String> notices = new java.util.ArrayList<>();

    /** The request these options describe, on top of --from-png's parameters when given. */
    GenerationRequest.Builder toBuilder() {
        GenerationRequest.Builder b = GenerationRequest.builder();
        java.util.Map<String, String> pngHashes = java.util.Map.of();
        List<ControlNetParameters> restored = List.of();
        if (fromPng != null) {
            String text = PngImages.parameters(fromPng).orElseThrow(() -> new InvalidRequestException(
                    fromPng + " carries no generation parameters (no 'parameters' text chunk)"));
            ParsedParameters parsed = A1111Parameters.parse(text);
            parsed.applyTo(b);
            pngHashes = parsed.loraHashes();
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
        if ((variationSeed == null) != (variationStrength == null)) {
            throw new InvalidRequestException("give --variation-seed and --variation-strength together, e.g. "
                    + "--variation-seed 42 --variation-strength 0.2");
        }
        if (variationSeed != null) {
            b.variation(new Variation(variationSeed, variationStrength));
        }
        Optional.ofNullable(width).ifPresent(b::width);
        Optional.ofNullable(height).ifPresent(b::height);
        Optional.ofNullable(batch).ifPresent(b::batchSize);
        Optional.ofNullable(previewEvery).map(PromptOptions::previewInterval).ifPresent(b::previewEvery);
        b.loras(loraWeights(b.build().prompt()));
        b.embeddingFolder(embeddingFolder().toString());
        for (studio.engine.api.LoraWeight l : b.build().loras()) {
            String wanted = pngHashes.get(l.name().replace(":", "").replace(",", ""));
            String have = wanted == null ? null : studio.engine.io.LoraHashes.shortHash(Path.of(l.path()));
            if (wanted != null && !wanted.equalsIgnoreCase(have)) {
                notices.add("LoRA '" + l.name() + "': " + l.path() + " has hash " + have + ", but " + fromPng.getFileName()
                        + " was made with " + wanted + "; the image may differ");
            }
        }
        List<ControlUnit> units = new ArrayList<>();
        for (int i = 0; i < controls.size(); i++) {
            units.add(controls.get(i).toUnit(i < restored.size() ? restored.get(i) : null));
        }
        b.controls(units);
        return b;
    }

    /** The prompt's tags resolved in the LoRA folder, then each --lora. */
    java.util.List<studio.engine.api.LoraWeight> loraWeights(String prompt) {
        java.util.List<studio.engine.api.LoraWeight> out = new java.util.ArrayList<>(
                new studio.engine.model.lora.LoraFolder(loraFolder()).resolveAll(prompt));
        loras.forEach(a -> out.add(studio.engine.model.lora.LoraFolder.parseArgument(a)));
        return out;
    }

    /** --lora-dir, else models/loras of the studio's folders (where the window looks too). */
    Path loraFolder() {
        return loraDir != null ? loraDir : studio.app.AppDirs.detect().models().resolve("loras");
    }

    /** --embedding-dir, else models/embeddings of the studio's folders. */
    Path embeddingFolder() {
        return embeddingDir != null ? embeddingDir : studio.app.AppDirs.detect().models().resolve("embeddings");
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
