package studio.engine.model;

import java.util.List;

/**
 * The canonical key prefixes: the original single-file layouts (LDM for SD 1.x/2.x, sgm for SDXL), to
 * which every other naming is mapped. Inside the text encoders the names are Hugging Face CLIP's
 * ({@code embeddings.token_embedding.weight}, {@code encoder.layers.N...}); OpenCLIP parts are rewritten
 * to them under their own prefix by {@link OpenClipNames}.
 */
public final class CheckpointKeys {
    public static final String UNET = "model.diffusion_model.";
    public static final String VAE = "first_stage_model.";
    /** SD 1.x's CLIP ViT-L (and a diffusers SD 2.x text encoder, which is OpenCLIP-H in CLIP naming). */
    public static final String CLIP = "cond_stage_model.transformer.text_model.";
    /** SD 2.x's OpenCLIP ViT-H. */
    public static final String OPEN_CLIP = "cond_stage_model.model.";
    /** SDXL's first text encoder, CLIP ViT-L. */
    public static final String SDXL_CLIP = "conditioner.embedders.0.transformer.text_model.";
    /** SDXL's second text encoder, OpenCLIP ViT-bigG. */
    public static final String SDXL_OPEN_CLIP = "conditioner.embedders.1.model.";

    /** The prefixes whose tensors are in OpenCLIP naming in a single file. */
    static final List<String> OPEN_CLIP_PREFIXES = List.of(OPEN_CLIP, SDXL_OPEN_CLIP);

    /** A ControlNet's weights, as in the original training checkpoints ({@code ControlLDM.control_model}). */
    public static final String CONTROL = "control_model.";

    private CheckpointKeys() {
    }
}
