package studio.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.engine.sampling.Samplers;
import studio.engine.text.EmphasisParser;
import studio.engine.text.PromptTags;

/**
 * Everything that determines a generation. A value: the same request on the same model gives the
 * same pixels. Build with {@link #builder()}; {@link #toBuilder()} copies one to vary it.
 *
 * @param prompt         what to draw
 * @param negativePrompt what to steer away from (the unconditional side of guidance)
 * @param width          output width in pixels, a multiple of the model's {@link SizeRule}
 * @param height         output height in pixels, a multiple of the model's {@link SizeRule}
 * @param steps          number of denoising steps
 * @param guidanceScale  classifier-free guidance scale; 1 skips the unconditional pass
 * @param seed           batch item i starts from {@code torch.manual_seed(seed + i); torch.randn(...)}
 * @param sampler        sampler name: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddpm, lcm
 * @param batchSize      images made one after another from seeds seed, seed+1, ...
 * @param modelId        model to use: "default" or a path to a checkpoint
 * @param initImage      img2img/inpaint source image, or null for text-to-image
 * @param strength       img2img strength in [0, 1]: the last int(strength*steps) steps are run
 * @param mask           inpaint mask (1 = repaint), or null
 * @param maskBlur       feather of the mask edge in pixels
 * @param inpaintArea    whole picture or only a padded box around the mask
 * @param clipSkip       1 = last text-encoder layer, 2 = penultimate, ...
 * @param precision      fp32, bf16 or fp16: the type the model's weights are held in (see nn.Precision)
 * @param loras          LoRAs merged into the model for this request, in order (see {@link LoraWeight}); the
 *                       prompt's {@code <lora:NAME:WEIGHT>} tags name them too and are removed before tokenising
 * @param embeddingFolder the folder of textual-inversion embeddings prompt words may name (file stems), or
 *                       null for none
 * @param previewEvery   full VAE decode of the preview every N steps; 0 = never (cheap previews only);
 *                       {@link #PREVIEW_AUTO} (the default) = as often as keeps them under 8% of the time
 * @param controls       ControlNets steering the generation, at most {@link #MAX_CONTROLS}; their residuals add
 * @param variation      A1111's variation seed and strength ({@link Variation#NONE}: none)
 */
public record GenerationRequest(
        String prompt,
        String negativePrompt,
        int width,
        int height,
        int steps,
        double guidanceScale,
        long seed,
        String sampler,
        int batchSize,
        String modelId,
        RgbImage initImage,
        double strength,
        GrayImage mask,
        int maskBlur,
        InpaintArea inpaintArea,
        int clipSkip,
        int previewEvery,
        String precision,
        List<LoraWeight> loras,
        List<ControlUnit> controls,
        String embeddingFolder,
        Variation variation) {
    /** The weight types a request may ask for, as nn.Precision labels them. */
    public static final java.util.List<String> PRECISIONS = java.util.List.of("fp32", "bf16", "fp16");


    /**
     * Width and height must be multiples of this on every model (the VAE's downsampling factor);
     * a model may ask for more, see {@link SizeRule}.
     */
    public static final int SIZE_MULTIPLE = 8;
    /** Largest side accepted, in pixels. */
    public static final int MAX_SIDE = 4096;
    /** Largest area accepted, in pixels (16 MP). */
    public static final long MAX_PIXELS = 16L * 1024 * 1024;
    public static final int MAX_STEPS = 1000;
    /** Guidance scales run from 0 to this; A1111's slider stops at 30, the studio allows more. */
    public static final int MAX_GUIDANCE = 100;
    public static final int MAX_BATCH = 64;
    /**
     * Longest prompt (and negative prompt) in characters, checked before any model loads so that a
     * pasted book is refused at once; the token limit below is what bounds the work.
     */
    public static final int MAX_PROMPT_CHARS = 10_000;
    /**
     * Most token positions a prompt may fill: eight of A1111's 75-token chunks. Prompts are chunked as
     * A1111 does (a chunk per 75 tokens, BREAK and comma backtracking start new ones); each chunk is one
     * more text-encoder pass and lengthens every cross-attention at every step.
     */
    public static final int MAX_PROMPT_TOKENS = 8 * 75;
    /** Mask feather radius in pixels. */
    public static final int MAX_MASK_BLUR = 256;
    /** The deepest text-encoder layer counted back from the last (SD text encoders have 12 or more). */
    public static final int MAX_CLIP_SKIP = 12;
    public static final String DEFAULT_MODEL = "default";
    /** Most LoRAs one request applies (A1111 sets no limit; each one is a merge pass over its layers). */
    public static final int MAX_LORAS = 16;
    /**
     * Largest LoRA weight, either sign: A1111's slider runs to 2, prompts go beyond; past 10 an update
     * outweighs the model it was trained on.
     */
    public static final double MAX_LORA_WEIGHT = 10;
    /**
     * VAE previews every few steps while they cost under 8% of the sampling time (a VAE decode
     * costs half a U-Net step on one model and two on another; a fixed interval suits only one).
     */
    public static final int PREVIEW_AUTO = -1;
    /** ControlNets at once; A1111 offers three units by default. */
    public static final int MAX_CONTROLS = 4;

    public GenerationRequest {
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        sampler = sampler == null ? "ddim" : sampler;
        modelId = modelId == null || modelId.isBlank() ? DEFAULT_MODEL : modelId;
        inpaintArea = inpaintArea == null ? InpaintArea.WHOLE : inpaintArea;
        loras = loras == null ? List.of() : List.copyOf(loras);
        controls = controls == null ? List.of() : List.copyOf(controls);
        variation = variation == null ? Variation.NONE : variation;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The mode this request runs in, from which inputs it carries. */
    public Mode mode() {
        if (initImage == null) {
            return Mode.TXT2IMG;
        }
        return mask == null ? Mode.IMG2IMG : Mode.INPAINT;
    }

    /** The seed of batch item {@code i} (0-based): seed + i, as A1111 numbers a batch. */
    public long itemSeed(int i) {
        return seed + i;
    }

    /** The request that remakes batch item {@code i} on its own: its seed (and variation seed), batch size 1. */
    public GenerationRequest item(int i) {
        return toBuilder().seed(itemSeed(i)).variation(variation.item(i)).batchSize(1).build();
    }

    /** The request with a different seed, batch size 1. */
    public GenerationRequest withSeed(long newSeed) {
        return toBuilder().seed(newSeed).batchSize(1).build();
    }

    /**
     * Every problem with this request, in words a user can act on; empty when it is valid.
     * The UI shows the first as the reason Generate is disabled; the CLI and engine refuse with it.
     */
    public List<String> problems() {
        return problems(SizeRule.ANY_MODEL);
    }

    /**
     * Every problem with this request on a model whose sizes follow {@code sizes} (see
     * {@link SizeRule#of}); the generator checks this once the model is loaded.
     */
    public List<String> problems(SizeRule sizes) {
        List<String> p = new ArrayList<>(sizes.problems(width, height));
        if (prompt.length() > MAX_PROMPT_CHARS) {
            p.add("the prompt is " + prompt.length() + " characters, over the limit of " + MAX_PROMPT_CHARS
                    + "; shorten it");
        }
        if (negativePrompt.length() > MAX_PROMPT_CHARS) {
            p.add("the negative prompt is " + negativePrompt.length() + " characters, over the limit of "
                    + MAX_PROMPT_CHARS + "; shorten it");
        }
        if (steps <= 0 || steps > MAX_STEPS) {
            p.add("steps must be between 1 and " + MAX_STEPS + ", got " + steps);
        }
        if (!(guidanceScale >= 0 && guidanceScale <= MAX_GUIDANCE)) {
            p.add("guidance scale must be between 0 and " + MAX_GUIDANCE + ", got " + guidanceScale);
        }
        emphasisProblem(prompt, "").ifPresent(p::add);
        loraTagProblems().forEach(p::add);
        emphasisProblem(negativePrompt, "negative ").ifPresent(p::add);
        if (!isKnownSampler(sampler)) {
            // checked with the rest, so a typo is refused before minutes of model loading, not after
            p.add("unknown sampler '" + sampler + "'; choose one of: " + String.join(", ", Samplers.names()));
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            p.add("batch size must be between 1 and " + MAX_BATCH + ", got " + batchSize);
        }
        if (!(variation.strength() >= 0 && variation.strength() <= 1)) {
            p.add("variation strength must be between 0 and 1, got " + variation.strength());
        }
        if (!(strength >= 0 && strength <= 1)) {
            p.add("strength must be between 0 and 1, got " + strength);
        }
        if (maskBlur < 0 || maskBlur > MAX_MASK_BLUR) {
            p.add("mask blur must be between 0 and " + MAX_MASK_BLUR + " pixels, got " + maskBlur);
        }
        if (clipSkip < 1 || clipSkip > MAX_CLIP_SKIP) {
            p.add("clip skip must be between 1 and " + MAX_CLIP_SKIP + ", got " + clipSkip);
        }
        if (!PRECISIONS.contains(precision)) {
            p.add("precision must be one of " + String.join(", ", PRECISIONS) + ", got '" + precision + "'");
        }
        if (loras.size() > MAX_LORAS) {
            p.add("a request applies at most " + MAX_LORAS + " LoRAs, got " + loras.size());
        }
        loras.forEach(l -> p.addAll(l.problems()));
        if (previewEvery < PREVIEW_AUTO) {
            p.add("preview interval must be " + PREVIEW_AUTO + " (auto), 0 (never) or a number of steps, got " + previewEvery);
        }
        if (mask != null && initImage == null) {
            p.add("a mask needs an image to inpaint; open or generate an image first");
        }
        if (mask != null && mask.isEmpty()) {
            p.add("the mask is empty: nothing to inpaint; paint the area to repaint");
        }
        if (controls.size() > MAX_CONTROLS) {
            p.add("at most " + MAX_CONTROLS + " ControlNets at once, got " + controls.size());
        }
        for (int i = 0; i < controls.size(); i++) {
            p.addAll(controls.get(i).problems("control " + i));
        }
        return p;
    }

    /**
     * The prompt's {@code <lora:NAME:…>} tags must each name a LoRA the request carries (whoever builds
     * the request resolves names to files), so a tag is never dropped without effect; tags of other
     * extra networks (hypernetworks) are refused, not ignored.
     */
    private List<String> loraTagProblems() {
        List<String> p = new ArrayList<>();
        try {
            PromptTags.Parsed tags = PromptTags.parse(prompt);
            tags.otherTags().forEach(t -> p.add("the prompt's tag " + t + " is not supported: only <lora:NAME:WEIGHT> "
                    + "tags are read; remove it"));
            for (PromptTags.Tag t : tags.loras()) {
                if (loras.stream().noneMatch(l -> l.name().equals(t.name()))) {
                    p.add("the prompt's tag " + t.text() + " names the LoRA '" + t.name() + "', which this request "
                            + "does not carry; resolve the name to a file in the LoRA folder");
                }
            }
        } catch (InvalidRequestException e) {
            p.add(e.getMessage());
        }
        return p;
    }

    /** The emphasis syntax is checked here too, so a bad weight is refused before the model loads. */
    private static java.util.Optional<String> emphasisProblem(String text, String which) {
        try {
            EmphasisParser.parse(text);
            return java.util.Optional.empty();
        } catch (InvalidRequestException e) {
            return java.util.Optional.of(which + e.getMessage());
        }
    }

    private static boolean isKnownSampler(String name) {
        try {
            Samplers.byName(name);
            return true;
        } catch (InvalidRequestException e) {
            return false;
        }
    }

    /** Throws {@link InvalidRequestException} with the first problem, if any. */
    public GenerationRequest validated() {
        return validated(SizeRule.ANY_MODEL);
    }

    /** Throws {@link InvalidRequestException} with the first problem on a model with these sizes, if any. */
    public GenerationRequest validated(SizeRule sizes) {
        List<String> p = problems(sizes);
        if (!p.isEmpty()) {
            throw new InvalidRequestException(p.get(0));
        }
        return this;
    }

    /** What a request does, in the words the studio shows next to Generate. */
    public enum Mode {
        TXT2IMG,
        IMG2IMG,
        INPAINT,
        OUTPAINT;

        /**
         * The flow of a canvas frame (InvokeAI's rule: one canvas, four flows): over no picture, text
         * to image; partly over picture, outpainting; fully over picture, inpainting when a mask is
         * painted inside the frame, else image to image.
         *
         * @param coveredPixels pixels of the frame that hold picture
         * @param framePixels   all pixels of the frame
         * @param maskPainted   whether the user's mask has a painted pixel inside the frame
         */
        public static Mode forFrame(long coveredPixels, long framePixels, boolean maskPainted) {
            if (coveredPixels == 0) {
                return TXT2IMG;
            }
            if (coveredPixels < framePixels) {
                return OUTPAINT;
            }
            return maskPainted ? INPAINT : IMG2IMG;
        }
    }

    /** Mutable builder with the studio's defaults. */
    public static final class Builder {
        private String prompt = "";
        private String negativePrompt = "";
        private int width = 64;
        private int height = 64;
        private int steps = 20;
        private double guidanceScale = 7.0;
        private long seed = 1;
        private String sampler = "ddim";
        private int batchSize = 1;
        private String modelId = DEFAULT_MODEL;
        private RgbImage initImage;
        private double strength = 0.75;
        private GrayImage mask;
        private int maskBlur = 4;
        private InpaintArea inpaintArea = InpaintArea.WHOLE;
        private int clipSkip = 1;
        private int previewEvery = PREVIEW_AUTO;
        private String precision = "fp32";
        private List<LoraWeight> loras = List.of();
        private List<ControlUnit> controls = List.of();
        private String embeddingFolder;
        private Variation variation = Variation.NONE;

        private Builder() {
        }

        private Builder(GenerationRequest r) {
            prompt = r.prompt;
            negativePrompt = r.negativePrompt;
            width = r.width;
            height = r.height;
            steps = r.steps;
            guidanceScale = r.guidanceScale;
            seed = r.seed;
            sampler = r.sampler;
            batchSize = r.batchSize;
            modelId = r.modelId;
            initImage = r.initImage;
            strength = r.strength;
            mask = r.mask;
            maskBlur = r.maskBlur;
            inpaintArea = r.inpaintArea;
            clipSkip = r.clipSkip;
            previewEvery = r.previewEvery;
            precision = r.precision;
            loras = r.loras;
            controls = r.controls;
            embeddingFolder = r.embeddingFolder;
            variation = r.variation;
        }

        public Builder prompt(String v) { prompt = Objects.requireNonNullElse(v, ""); return this; }
        public Builder negativePrompt(String v) { negativePrompt = Objects.requireNonNullElse(v, ""); return this; }
        public Builder width(int v) { width = v; return this; }
        public Builder height(int v) { height = v; return this; }
        public Builder size(int w, int h) { width = w; height = h; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder guidanceScale(double v) { guidanceScale = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sampler(String v) { sampler = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder modelId(String v) { modelId = v; return this; }
        public Builder initImage(RgbImage v) { initImage = v; return this; }
        public Builder strength(double v) { strength = v; return this; }
        public Builder mask(GrayImage v) { mask = v; return this; }
        public Builder maskBlur(int v) { maskBlur = v; return this; }
        public Builder inpaintArea(InpaintArea v) { inpaintArea = v; return this; }
        public Builder clipSkip(int v) { clipSkip = v; return this; }
        public Builder previewEvery(int v) { previewEvery = v; return this; }
        public Builder precision(String v) { precision = v; return this; }
        public Builder loras(List<LoraWeight> v) { loras = v == null ? List.of() : List.copyOf(v); return this; }
        public Builder controls(List<ControlUnit> v) { controls = v == null ? List.of() : List.copyOf(v); return this; }
        public Builder embeddingFolder(String v) { embeddingFolder = v == null || v.isBlank() ? null : v; return this; }
        public Builder variation(Variation v) { variation = v == null ? Variation.NONE : v; return this; }

        public GenerationRequest build() {
            return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, seed,
                    sampler, batchSize, modelId, initImage, strength, mask, maskBlur, inpaintArea, clipSkip,
                    previewEvery, precision, loras, controls, embeddingFolder, variation);
        }
    }
}
