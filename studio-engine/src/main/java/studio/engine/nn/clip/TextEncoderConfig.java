package studio.engine.nn.clip;

/**
 * Width, depth and output rule of a CLIP-style text transformer. One implementation
 * ({@link ClipTextModel}) serves OpenAI CLIP ViT-L (SD 1.x, SDXL's first encoder), OpenCLIP ViT-H
 * (SD 2.x) and OpenCLIP ViT-bigG (SDXL's second encoder); they differ only in these values.
 *
 * @param vocabSize     token embedding rows (CLIP: 49408)
 * @param width         hidden width (ViT-L/14: 768, ViT-H/14: 1024, ViT-bigG/14: 1280)
 * @param layers        transformer layers (ViT-L: 12, ViT-H: 24, ViT-bigG: 32)
 * @param heads         attention heads (64-channel heads in all three: 12, 16, 20)
 * @param contextLength positions (77)
 * @param projectionDim width of the pooled output's text_projection (bigG: 1280)
 * @param activation    MLP activation: quick GELU (OpenAI CLIP) or exact GELU (OpenCLIP)
 * @param output        which hidden state the U-Net sees, and whether it is final-layer-normed
 * @param pooled        whether the model also gives the pooled vector (and so loads text_projection)
 */
public record TextEncoderConfig(int vocabSize, int width, int layers, int heads, int contextLength, int projectionDim,
                                Activation activation, Output output, boolean pooled) {

    /** The MLP's nonlinearity. */
    public enum Activation {
        /** u·σ(1.702u), OpenAI CLIP. */
        QUICK_GELU,
        /** The erf GELU, OpenCLIP. */
        GELU
    }

    /**
     * The hidden state handed to the U-Net, counted from the last layer with clip skip n
     * (hidden states = embeddings, layer 1, ..., layer L).
     */
    public enum Output {
        /** SD 1.x: final_layer_norm(hidden[L + 1 - n]); n = 1 is the last layer. */
        LAST_NORMED(0, true),
        /** SD 2.x: final_layer_norm(hidden[L - n]); n = 1 is the penultimate layer. */
        PENULTIMATE_NORMED(1, true),
        /** SDXL: hidden[L - n] as it is, no final layer norm. */
        PENULTIMATE(1, false);

        private final int skippedByDefault;
        private final boolean normed;

        Output(int skippedByDefault, boolean normed) {
            this.skippedByDefault = skippedByDefault;
            this.normed = normed;
        }

        /** Layers run for clip skip n (at least one). */
        public int layersToRun(int layers, int clipSkip) {
            return Math.max(1, layers - skippedByDefault - Math.max(0, clipSkip - 1));
        }

        public boolean normed() {
            return normed;
        }
    }

    /** An SD 1.x CLIP (quick GELU, last layer, no pooled output). */
    public TextEncoderConfig(int vocabSize, int width, int layers, int heads, int contextLength, int projectionDim) {
        this(vocabSize, width, layers, heads, contextLength, projectionDim, Activation.QUICK_GELU, Output.LAST_NORMED,
                false);
    }

    public static TextEncoderConfig clipVitL14() {
        return new TextEncoderConfig(49408, 768, 12, 12, 77, 768);
    }

    public static TextEncoderConfig openClipVitH14() {
        return new TextEncoderConfig(49408, 1024, 24, 16, 77, 1024, Activation.GELU, Output.PENULTIMATE_NORMED, false);
    }

    /** SDXL's first encoder: CLIP ViT-L, penultimate layer without the final norm. */
    public static TextEncoderConfig sdxlClipL() {
        return clipVitL14().withOutput(Output.PENULTIMATE, false);
    }

    /** SDXL's second encoder: OpenCLIP ViT-bigG, penultimate layer without ln_final, plus the pooled vector. */
    public static TextEncoderConfig sdxlBigG() {
        return new TextEncoderConfig(49408, 1280, 32, 20, 77, 1280, Activation.GELU, Output.PENULTIMATE, true);
    }

    public TextEncoderConfig withOutput(Output o, boolean withPooled) {
        return new TextEncoderConfig(vocabSize, width, layers, heads, contextLength, projectionDim, activation, o,
                withPooled);
    }

    public TextEncoderConfig withActivation(Activation a) {
        return new TextEncoderConfig(vocabSize, width, layers, heads, contextLength, projectionDim, a, output, pooled);
    }
}
