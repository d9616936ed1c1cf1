package studio.engine.model;

/** The canonical key prefixes: the original LDM single-file layout, to which every other naming is mapped. */
public final class CheckpointKeys {
    public static final String UNET = "model.diffusion_model.";
    public static final String VAE = "first_stage_model.";
    public static final String CLIP = "cond_stage_model.transformer.text_model.";
    public static final String OPEN_CLIP = "cond_stage_model.model.";
    /** A ControlNet's weights, as in the original training checkpoints ({@code ControlLDM.control_model}). */
    public static final String CONTROL = "control_model.";

    private CheckpointKeys() {
    }
}
