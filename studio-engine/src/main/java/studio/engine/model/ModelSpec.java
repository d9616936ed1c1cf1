package studio.engine.model;

import studio.engine.sampling.Prediction;

import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;

/**
 * What a checkpoint is, inferred from its tensor names and shapes (and metadata where shapes cannot
 * tell, such as v-prediction).
 *
 * @param family      "SD 1.x", "SD 2.x", "SDXL", "SD 1.x inpainting", ...
 * @param textEncoder which text transformers, by key layout
 * @param text        the (first) text encoder's size and output rule
 * @param text2       SDXL's second text encoder (OpenCLIP bigG), else null
 * @param latentScale the VAE latent scale factor
 */
public record ModelSpec(
        String family,
        UNetConfig unet,
        VaeConfig vae,
        TextEncoderKind textEncoder,
        TextEncoderConfig text,
        TextEncoderConfig text2,
        Prediction prediction,
        float latentScale) {

    public ModelSpec(String family, UNetConfig unet, VaeConfig vae, TextEncoderKind textEncoder, TextEncoderConfig text,
                     Prediction prediction, float latentScale) {
        this(family, unet, vae, textEncoder, text, null, prediction, latentScale);
    }

    /** The text transformers of the SD families, by key layout. */
    public enum TextEncoderKind {
        /** One CLIP in Hugging Face naming: SD 1.x, and diffusers SD 2.x folders (OpenCLIP-H in CLIP naming). */
        CLIP(CheckpointKeys.CLIP, null),
        /** OpenCLIP-H in its own layout (SD 2.x single files). */
        OPEN_CLIP(CheckpointKeys.OPEN_CLIP, null),
        /** SDXL: CLIP-L then OpenCLIP bigG, their features concatenated. */
        SDXL(CheckpointKeys.SDXL_CLIP, CheckpointKeys.SDXL_OPEN_CLIP);

        private final String prefix;
        private final String prefix2;

        TextEncoderKind(String prefix, String prefix2) {
            this.prefix = prefix;
            this.prefix2 = prefix2;
        }

        /** Canonical key prefix of the (first) text encoder. */
        public String prefix() {
            return prefix;
        }

        /** Canonical key prefix of the second text encoder, or null. */
        public String prefix2() {
            return prefix2;
        }
    }
}
