package studio.engine.model;

import studio.engine.sampling.Prediction;

import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;

/**
 * What a checkpoint is, inferred from its tensor names and shapes (and metadata where shapes cannot
 * tell, such as v-prediction).
 *
 * @param family      "SD 1.x", "SD 2.x", "SD 1.x inpainting", ...
 * @param textEncoder which text transformer and its size
 * @param latentScale the VAE latent scale factor
 */
public record ModelSpec(
        String family,
        UNetConfig unet,
        VaeConfig vae,
        TextEncoderKind textEncoder,
        TextEncoderConfig text,
        Prediction prediction,
        float latentScale) {

    /** The two text transformers of the SD 1/2 family, by key layout. */
    public enum TextEncoderKind {
        /** OpenAI CLIP in Hugging Face naming (SD 1.x). */
        CLIP,
        /** OpenCLIP's own layout (SD 2.x single-file checkpoints). */
        OPEN_CLIP
    }
}
