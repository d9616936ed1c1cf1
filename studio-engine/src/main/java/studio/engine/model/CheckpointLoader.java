package studio.engine.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.Precision;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.sampling.Prediction;
import studio.engine.text.ClipTokenizer;
import studio.engine.text.PromptTokenizer;

/**
 * Loads a Stable Diffusion 1.x/2.x checkpoint — a single {@code .safetensors} file in the original
 * layout or a diffusers folder — into a {@link DiffusionModel}: 1. open it (header only), 2. detect
 * the architecture from names and shapes, 3. find the tokenizer, 4. build the blocks, 5. check every
 * key and shape at once, 6. read the weights tensor by tensor.
 */
public final class CheckpointLoader {
    /**
     * @param tokenizerDir  a folder with vocab.json and merges.txt (--tokenizer), or null to look beside the model
     * @param modelsFolder  the app's models folder, searched last for a {@code tokenizer/} folder, or null
     * @param prediction    ε/v override (--prediction), or null to read it from metadata (default ε)
     * @param tokenizer     a tokenizer to use as is (models with their own vocabulary), or null to find a CLIP one
     * @param tokenizer2    as {@code tokenizer}, for SDXL's second text encoder (null: found as a CLIP one)
     */
    public record Options(Path tokenizerDir, Path modelsFolder, Prediction prediction, PromptTokenizer tokenizer,
                          Precision precision, PromptTokenizer tokenizer2) {
        public Options {
            precision = precision == null ? Precision.FP32 : precision;
        }

        public Options(Path tokenizerDir, Path modelsFolder, Prediction prediction, PromptTokenizer tokenizer) {
            this(tokenizerDir, modelsFolder, prediction, tokenizer, Precision.FP32, null);
        }

        public Options(Path tokenizerDir, Path modelsFolder, Prediction prediction, PromptTokenizer tokenizer,
                       Precision precision) {
            this(tokenizerDir, modelsFolder, prediction, tokenizer, precision, null);
        }

        /** Tokenizers used as they are for the two text encoders of an SDXL model. */
        public Options withTokenizers(PromptTokenizer first, PromptTokenizer second) {
            return new Options(tokenizerDir, modelsFolder, prediction, first, precision, second);
        }

        public static Options defaults() {
            return new Options(null, null, null, null);
        }

        public Options withTokenizer(PromptTokenizer t) {
            return new Options(tokenizerDir, modelsFolder, prediction, t, precision, tokenizer2);
        }

        /** The checkpoint's weights held in this type (see {@link Precision}). */
        public Options withPrecision(Precision p) {
            return new Options(tokenizerDir, modelsFolder, prediction, tokenizer, p, tokenizer2);
        }
    }

    private CheckpointLoader() {
    }

    /** Opens a checkpoint file or diffusers folder without reading tensor data. */
    public static TensorSource open(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidRequestException("model not found: " + path);
        }
        if (Files.isDirectory(path)) {
            if (!DiffusersFolder.isDiffusersFolder(path)) {
                throw new InvalidRequestException(path + " is a folder without model_index.json; "
                        + "give a .safetensors file or a diffusers model folder");
            }
            return DiffusersFolder.open(path);
        }
        if (!path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".safetensors")) {
            throw new InvalidRequestException(path.getFileName() + " is not a .safetensors file; "
                    + "pickled .ckpt files are not loaded (they can run code); convert it to safetensors first");
        }
        return SingleFile.open(path);
    }

    /** The detected architecture, from names, shapes and metadata only. */
    public static ModelSpec detect(TensorSource source, Prediction override) {
        Map<String, long[]> shapes = new HashMap<>();
        for (String k : source.keys()) {
            shapes.put(k, source.shape(k));
        }
        if (ControlNetLoader.isControlNet(shapes.keySet())
                && shapes.keySet().stream().noneMatch(k -> k.startsWith(CheckpointKeys.UNET))) {
            throw new InvalidRequestException(source.describe() + " is a ControlNet, not a model: give it with "
                    + "--control FILE (and --control-image HINT.png), and a Stable Diffusion model with --model");
        }
        try {
            return ModelDetector.detect(shapes, source.metadata(), override);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(source.describe() + ": " + e.getMessage(), e);
        }
    }

    public static DiffusionModel load(Path path, Options options) {
        try (TensorSource source = open(path)) {
            ModelSpec spec = detect(source, options.prediction());
            PromptTokenizer tokenizer = tokenizer(path, source, spec, options);
            NDManager weights = NDManager.newBaseManager();
            try {
                UNetModel unet = new UNetModel(spec.unet());
                AutoencoderKL vae = new AutoencoderKL(spec.vae());
                ClipTextModel text = new ClipTextModel(spec.text());
                ModelSpec.TextEncoderKind kind = spec.textEncoder();
                WeightLoader loader = new WeightLoader()
                        .add("unet", CheckpointKeys.UNET, unet, options.precision())
                        .add("vae", CheckpointKeys.VAE, vae, options.precision())
                        .add("text encoder", kind.prefix(), text, options.precision());
                DiffusionModel.Second second = null;
                if (spec.text2() != null) {
                    ClipTextModel text2 = new ClipTextModel(spec.text2());
                    loader.add("second text encoder", kind.prefix2(), text2, options.precision());
                    PromptTokenizer tokenizer2 = options.tokenizer2() != null ? options.tokenizer2()
                            : tokenizer(path, options, spec.text2());
                    second = new DiffusionModel.Second(tokenizer2, text2);
                }
                loader.load(source, weights, ownedPrefixes(kind), CheckpointLoader::unusedByStableDiffusion);
                unet.weightsIn(options.precision());
                vae.weightsIn(options.precision());
                String name = path.getFileName().toString().replaceFirst("\\.safetensors$", "");
                return new DiffusionModel(name, spec.family(), tokenizer, text, unet, vae, spec.prediction(),
                        spec.latentScale(), weights, second);
            } catch (RuntimeException e) {
                weights.close();
                throw e;
            }
        }
    }

    /**
     * The tokenizer {@link #load} would give the model (its first one, for SDXL), found from names,
     * shapes and metadata alone: no weight is read, so a prompt box can count a model's tokens before
     * the model is loaded.
     */
    public static PromptTokenizer tokenizerOf(Path path, Options options) {
        try (TensorSource source = open(path)) {
            return tokenizer(path, source, detect(source, options.prediction()), options);
        }
    }

    private static PromptTokenizer tokenizer(Path path, TensorSource source, ModelSpec spec, Options options) {
        return options.tokenizer() != null ? options.tokenizer()
                : wordTokenizer(path, source.metadata(), spec).orElseGet(() -> tokenizer(path, options, spec.text()));
    }

    /** Key prefixes whose every tensor must be used (or known to be unused). */
    static List<String> ownedPrefixes(ModelSpec.TextEncoderKind kind) {
        return kind == ModelSpec.TextEncoderKind.SDXL
                ? List.of(CheckpointKeys.UNET, CheckpointKeys.VAE, "conditioner.")
                : List.of(CheckpointKeys.UNET, CheckpointKeys.VAE, "cond_stage_model.");
    }

    /** Keys real checkpoints carry that SD inference never reads. */
    static boolean unusedByStableDiffusion(String key) {
        return key.endsWith("embeddings.position_ids")
                || key.startsWith(CheckpointKeys.VAE + "loss.")
                || key.equals(CheckpointKeys.OPEN_CLIP + "text_projection.weight")
                || key.endsWith("model.logit_scale")
                || key.endsWith("model.attn_mask")
                || key.startsWith(CheckpointKeys.OPEN_CLIP + "visual.")
                || key.startsWith(CheckpointKeys.SDXL_OPEN_CLIP + "visual.");
    }

    /**
     * Models this studio trained name a word vocabulary file in {@code studio.config} ("tokenizer"),
     * kept beside the checkpoint; such a model reads prompts with it instead of CLIP's BPE.
     */
    static java.util.Optional<PromptTokenizer> wordTokenizer(Path model, java.util.Map<String, String> metadata,
                                                            ModelSpec spec) {
        String json = metadata.get("studio.config");
        if (json == null || !json.contains("\"tokenizer\"")) {
            return java.util.Optional.empty();
        }
        String file = com.google.gson.JsonParser.parseString(json).getAsJsonObject().get("tokenizer").getAsString();
        Path folder = model.toAbsolutePath().normalize().getParent();
        Path vocab = folder.resolve(file).normalize();
        // The checkpoint is untrusted input: its metadata must not make the loader read any file it names.
        if (!vocab.getParent().equals(folder)) {
            throw new InvalidRequestException("model " + model.getFileName() + " names the word vocabulary '" + file
                    + "' in studio.config, which is not a file name in the model's folder; the vocabulary must lie"
                    + " beside the model, named without a folder");
        }
        if (!Files.isRegularFile(vocab)) {
            throw new InvalidRequestException("model " + model.getFileName() + " reads prompts with the word vocabulary '"
                    + file + "', which is not beside it; copy " + file + " into " + vocab.getParent());
        }
        try {
            return java.util.Optional.of(new studio.engine.text.WordPromptTokenizer(
                    studio.engine.text.WordVocabulary.load(vocab), spec.text().contextLength()));
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("cannot read the word vocabulary " + vocab + ": " + e.getMessage());
        }
    }

    /**
     * --tokenizer, else tokenizer/ beside the model, else the models folder's tokenizer/, else the CLIP
     * vocabulary bundled with the engine (no single-file checkpoint carries one, and SD 1.x, 2.x and XL
     * all use CLIP's). Only an explicit --tokenizer that does not hold a tokenizer is an error.
     */
    static PromptTokenizer tokenizer(Path model, Options options, TextEncoderConfig text) {
        // OpenAI's CLIP tokenizer pads with end-of-text, OpenCLIP's (SD 2.x, SDXL's bigG) with 0.
        ClipTokenizer.PadMode pad = text.activation() == TextEncoderConfig.Activation.QUICK_GELU
                ? ClipTokenizer.PadMode.END_OF_TEXT : ClipTokenizer.PadMode.ZERO;
        List<Path> candidates = new ArrayList<>();
        if (options.tokenizerDir() != null) {
            candidates.add(options.tokenizerDir());
        } else {
            Path beside = Files.isDirectory(model) ? model.resolve("tokenizer")
                    : model.toAbsolutePath().getParent().resolve("tokenizer");
            candidates.add(beside);
            if (options.modelsFolder() != null) {
                candidates.add(options.modelsFolder().resolve("tokenizer"));
            }
        }
        for (Path dir : candidates) {
            if (Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt"))) {
                return checkedAgainst(text, ClipTokenizer.load(dir, pad), dir.toString());
            }
        }
        if (options.tokenizerDir() != null) {
            throw new InvalidRequestException("--tokenizer " + options.tokenizerDir() + " does not hold vocab.json and "
                    + "merges.txt; give the tokenizer/ folder of a diffusers model, or leave --tokenizer out to use "
                    + "the CLIP vocabulary that comes with the studio");
        }
        return checkedAgainst(text, ClipTokenizer.bundled(pad), "the bundled CLIP vocabulary");
    }

    private static ClipTokenizer checkedAgainst(TextEncoderConfig text, ClipTokenizer tok, String where) {
        if (tok.endOfTextId() >= text.vocabSize()) {
            throw new InvalidRequestException("the tokenizer in " + where + " has ids up to " + tok.endOfTextId()
                    + " but the model's text encoder knows only " + text.vocabSize() + " tokens; "
                    + "put the tokenizer that came with the model in a tokenizer/ folder beside it, or pass --tokenizer DIR");
        }
        return tok;
    }
}
