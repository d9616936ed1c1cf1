package studio.engine.model;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;
import studio.engine.sampling.Prediction;

/**
 * Infers a checkpoint's architecture from tensor names and shapes (in canonical LDM keys), the way
 * ComfyUI's model detection does, so no yaml config is needed. Metadata decides only what shapes
 * cannot: v-prediction, and head counts of non-standard widths (key {@code studio.config}).
 *
 * <p>Every shape and metadata value is checked where it is read (rank, sizes, JSON types, head
 * counts against widths), so a damaged or hand-made checkpoint is refused with the tensor or key
 * named, as an {@link InvalidRequestException}, before any block is built.
 */
public final class ModelDetector {
    static final String STUDIO_CONFIG = "metadata 'studio.config'";
    private static final String V = CheckpointKeys.VAE;
    private static final float SD_LATENT_SCALE = 0.18215f;
    private static final float SDXL_LATENT_SCALE = 0.13025f;

    private ModelDetector() {
    }

    public static ModelSpec detect(Map<String, long[]> shapes, Map<String, String> metadata, Prediction override) {
        JsonConfig studio = studioConfig(metadata);
        ShapeTable s = new ShapeTable(shapes);
        UNetConfig unet = UNetDetector.detect(s, studio);
        boolean sdxl = s.has(CheckpointKeys.SDXL_CLIP + TOKENS) || s.has(CheckpointKeys.SDXL_OPEN_CLIP + TOKENS);
        VaeConfig vae = detectVae(s, metadata, studio, sdxl ? SDXL_LATENT_SCALE : SD_LATENT_SCALE);
        Prediction prediction = prediction(metadata, studio, override);
        if (sdxl) {
            TextEncoderConfig l = detectText(s, CheckpointKeys.SDXL_CLIP, studio, "text")
                    .withOutput(TextEncoderConfig.Output.PENULTIMATE, false);
            TextEncoderConfig g = detectText(s, CheckpointKeys.SDXL_OPEN_CLIP, studio, "text2")
                    .withActivation(TextEncoderConfig.Activation.GELU)
                    .withOutput(TextEncoderConfig.Output.PENULTIMATE, true);
            s.require(CheckpointKeys.SDXL_OPEN_CLIP + "text_projection.weight", "second text encoder", 2);
            requireSdxlUNet(unet, l, g);
            String family = unet.inChannels() == 9 ? "SDXL inpainting" : "SDXL";
            return new ModelSpec(family, unet, vae, ModelSpec.TextEncoderKind.SDXL, l, g, prediction, vae.scaleFactor());
        }
        boolean clip = s.has(CheckpointKeys.CLIP + TOKENS);
        boolean openClip = s.has(CheckpointKeys.OPEN_CLIP + TOKENS);
        if (!clip && !openClip) {
            throw new InvalidRequestException("no text encoder found: expected " + CheckpointKeys.CLIP
                    + "* (SD 1.x), " + CheckpointKeys.OPEN_CLIP + "* (SD 2.x) or " + CheckpointKeys.SDXL_CLIP
                    + "* and " + CheckpointKeys.SDXL_OPEN_CLIP + "* (SDXL) keys");
        }
        if (unet.admInChannels() > 0) {
            throw new InvalidRequestException("the U-Net has a label_emb (class or size conditioning) input, which only "
                    + "SDXL models use, but the checkpoint lacks SDXL's two text encoders (" + CheckpointKeys.SDXL_CLIP
                    + "*, " + CheckpointKeys.SDXL_OPEN_CLIP + "*); a U-Net-only SDXL file needs its text encoders");
        }
        ModelSpec.TextEncoderKind kind = clip ? ModelSpec.TextEncoderKind.CLIP : ModelSpec.TextEncoderKind.OPEN_CLIP;
        TextEncoderConfig text = detectText(s, kind.prefix(), studio, "text");
        if (!clip) {
            // SD 2.x conditions on OpenCLIP's penultimate layer, final-layer-normed.
            text = text.withActivation(TextEncoderConfig.Activation.GELU)
                    .withOutput(TextEncoderConfig.Output.PENULTIMATE_NORMED, false);
        }
        String family = family(unet, text);
        return new ModelSpec(family, unet, vae, kind, text, prediction, vae.scaleFactor());
    }

    private static final String TOKENS = "embeddings.token_embedding.weight";

    /** SDXL's U-Net conditions on both encoders' features and on the pooled vector plus six size numbers. */
    private static void requireSdxlUNet(UNetConfig unet, TextEncoderConfig l, TextEncoderConfig g) {
        if (unet.contextDim() != l.width() + g.width()) {
            throw new InvalidRequestException("the U-Net cross-attends to " + unet.contextDim() + " channels, but the two "
                    + "text encoders give " + l.width() + " + " + g.width() + "; the checkpoint mixes parts of different models");
        }
        int sizes = unet.admInChannels() - g.projectionDim();
        if (sizes <= 0 || sizes % 12 != 0) {
            throw new InvalidRequestException("the U-Net's label_emb takes " + unet.admInChannels() + " values, which is "
                    + "not SDXL's conditioning vector: the pooled text (" + g.projectionDim() + ") and six size numbers "
                    + "(original, crop, target) of one even embedding width each (base: 1280 + 6 x 256 = 2816)");
        }
    }

    private static String family(UNetConfig unet, TextEncoderConfig text) {
        boolean standardWidths = unet.modelChannels() == 320 && unet.channelMult().length == 4;
        boolean sd2 = text.activation() == TextEncoderConfig.Activation.GELU;
        String base;
        if (!sd2 && unet.contextDim() == 768 && standardWidths) {
            base = "SD 1.x";
        } else if (sd2 && unet.contextDim() == 1024 && standardWidths) {
            base = "SD 2.x";
        } else {
            base = (sd2 ? "SD 2.x layout" : "SD 1.x layout") + ", custom size";
        }
        return unet.inChannels() == 9 ? base + " inpainting" : base;
    }

    /** The U-Net's configuration; {@code studio} is the parsed {@code studio.config} metadata or null. */
    public static UNetConfig detectUNet(Map<String, long[]> s, JsonObject studio) {
        return UNetDetector.detect(new ShapeTable(s), studio == null ? null : new JsonConfig(STUDIO_CONFIG, "", studio));
    }

    private static VaeConfig detectVae(ShapeTable s, Map<String, String> metadata, JsonConfig studio, float usual) {
        String part = "autoencoder";
        int ch = s.require(V + "encoder.conv_in.weight", part, 4)[0];
        int levels = s.countIndexed(V + "encoder.down.", ".block.0.conv1.weight");
        if (levels == 0) {
            s.require(V + "encoder.down.0.block.0.conv1.weight", part, 4); // says which key is missing
        }
        int[] mult = new int[levels];
        for (int i = 0; i < levels; i++) {
            int width = s.require(V + "encoder.down." + i + ".block.0.conv1.weight", part, 4)[0];
            if (width % ch != 0) {
                throw new InvalidRequestException("autoencoder level " + i + " is " + width + " channels wide, not a "
                        + "multiple of the base width " + ch + " (" + V + "encoder.conv_in.weight); the checkpoint is damaged");
            }
            mult[i] = width / ch;
        }
        int resBlocks = s.countIndexed(V + "encoder.down.0.block.", ".conv1.weight");
        int z = s.require(V + "decoder.conv_in.weight", part, 4)[1];
        int embed = s.require(V + "post_quant_conv.weight", part, 4)[1];
        return new VaeConfig(ch, mult, resBlocks, z, embed, latentScale(metadata, studio, usual));
    }

    /** studio.latent_scale, else studio.config's latent_scale or scale_factor, else the family's (SD 0.18215, SDXL 0.13025). */
    private static float latentScale(Map<String, String> metadata, JsonConfig studio, float usual) {
        String fromMeta = metadata.get("studio.latent_scale");
        if (fromMeta != null) {
            float scale;
            try {
                scale = Float.parseFloat(fromMeta.strip());
            } catch (NumberFormatException e) {
                scale = Float.NaN;
            }
            // 0 or NaN decodes every latent to one flat colour: refused, not drawn as a black image
            if (!(scale > 0) || Float.isInfinite(scale)) {
                throw new InvalidRequestException("metadata 'studio.latent_scale' must be a number above 0, found '"
                        + fromMeta + "'");
            }
            return scale;
        }
        for (String key : new String[] {"latent_scale", "scale_factor"}) {
            Optional<Float> v = studio == null ? Optional.empty() : studio.positiveNumber(key);
            if (v.isPresent()) {
                return v.get();
            }
        }
        return usual;
    }

    /**
     * A text transformer in canonical (Hugging Face) naming under {@code p}; {@code role} is the
     * studio.config key of its settings ("text", "text2"). Quick GELU unless the settings say "gelu"
     * (a diffusers SD 2.x text encoder's hidden_act).
     */
    private static TextEncoderConfig detectText(ShapeTable s, String p, JsonConfig studio, String role) {
        String part = role.equals("text") ? "text encoder" : "second text encoder";
        int[] tok = s.require(p + TOKENS, part, 2);
        int[] pos = s.require(p + "embeddings.position_embedding.weight", part, 2);
        int layers = s.countIndexed(p + "encoder.layers.", ".layer_norm1.weight");
        int[] proj = s.optional(p + "text_projection.weight", part, 2);
        int width = tok[1];
        JsonConfig settings = studio == null ? null : studio.object(role).orElse(null);
        boolean gelu = settings != null && settings.string("activation").map("gelu"::equals).orElse(false);
        return new TextEncoderConfig(tok[0], width, layers, textHeads(width, settings, studio, role), pos[0],
                proj == null ? width : proj[0],
                gelu ? TextEncoderConfig.Activation.GELU : TextEncoderConfig.Activation.QUICK_GELU,
                TextEncoderConfig.Output.LAST_NORMED, false);
    }

    /** CLIP text transformers use 64-wide heads (ViT-L/14: 12, ViT-H/14: 16) unless metadata says otherwise. */
    private static int textHeads(int width, JsonConfig text, JsonConfig studio, String role) {
        for (String key : new String[] {"heads", "num_attention_heads"}) {
            if (text != null && text.has(key)) {
                int heads = text.positiveInt(key).getAsInt();
                if (width % heads != 0) {
                    throw new InvalidRequestException("the text encoder is " + width + " channels wide, which "
                            + heads + " heads (" + studio.source() + " key '" + role + "." + key + "') do not divide; "
                            + "the model's configuration does not match its weights");
                }
                return heads;
            }
        }
        int heads = Math.max(1, width / 64);
        if (width % heads != 0) {
            throw new InvalidRequestException("the text encoder is " + width + " channels wide, which the "
                    + heads + " heads of the CLIP convention do not divide; the checkpoint needs 'text.heads' in its "
                    + "'studio.config' metadata");
        }
        return heads;
    }

    private static Prediction prediction(Map<String, String> metadata, JsonConfig studio, Prediction override) {
        if (override != null) {
            return override;
        }
        for (String key : new String[] {"prediction_type", "modelspec.prediction_type", "studio.prediction"}) {
            String v = metadata.get(key);
            if (v != null) {
                return v.toLowerCase(Locale.ROOT).startsWith("v") ? Prediction.V : Prediction.EPSILON;
            }
        }
        Optional<String> fromConfig = studio == null ? Optional.empty() : studio.string("prediction");
        if (fromConfig.isPresent()) {
            try {
                return Prediction.parse(fromConfig.get());
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(STUDIO_CONFIG + ": key 'prediction' " + e.getMessage()
                        .replaceFirst("^prediction ", ""));
            }
        }
        return Prediction.EPSILON;
    }

    private static JsonConfig studioConfig(Map<String, String> metadata) {
        String json = metadata.get("studio.config");
        return json == null ? null : JsonConfig.parse(STUDIO_CONFIG, json);
    }

    /** Counts consecutive indices i = 0, 1, ... for which prefix + i + suffix is a key. */
    static int countIndexedKeys(java.util.Set<String> keys, String prefix, String suffix) {
        int n = 0;
        while (keys.contains(prefix + n + suffix)) {
            n++;
        }
        return n;
    }
}
