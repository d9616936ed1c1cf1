package studio.engine.model;

import studio.engine.sampling.Prediction;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;

/**
 * Infers a checkpoint's architecture from tensor names and shapes (in canonical LDM keys), the way
 * ComfyUI's model detection does, so no yaml config is needed. Metadata decides only what shapes
 * cannot: v-prediction, and head counts of non-standard widths (key {@code studio.config}).
 */
public final class ModelDetector {
    private static final String U = CheckpointKeys.UNET;
    private static final String V = CheckpointKeys.VAE;
    private static final float SD_LATENT_SCALE = 0.18215f;

    private ModelDetector() {
    }

    public static ModelSpec detect(Map<String, long[]> shapes, Map<String, String> metadata, Prediction override) {
        JsonObject studio = studioConfig(metadata);
        UNetConfig unet = detectUNet(shapes, studio);
        VaeConfig vae = detectVae(shapes, metadata, studio);
        boolean clip = shapes.containsKey(CheckpointKeys.CLIP + "embeddings.token_embedding.weight");
        boolean openClip = shapes.containsKey(CheckpointKeys.OPEN_CLIP + "token_embedding.weight");
        if (!clip && !openClip) {
            throw new InvalidRequestException("no text encoder found: expected " + CheckpointKeys.CLIP
                    + "* (SD 1.x) or " + CheckpointKeys.OPEN_CLIP + "* (SD 2.x) keys");
        }
        ModelSpec.TextEncoderKind kind = clip ? ModelSpec.TextEncoderKind.CLIP : ModelSpec.TextEncoderKind.OPEN_CLIP;
        TextEncoderConfig text = clip ? detectClip(shapes, studio) : detectOpenClip(shapes, studio);
        String family = family(unet, kind);
        return new ModelSpec(family, unet, vae, kind, text, prediction(metadata, studio, override), vae.scaleFactor());
    }

    private static String family(UNetConfig unet, ModelSpec.TextEncoderKind kind) {
        boolean standardWidths = unet.modelChannels() == 320 && unet.channelMult().length == 4;
        String base;
        if (kind == ModelSpec.TextEncoderKind.CLIP && unet.contextDim() == 768 && standardWidths) {
            base = "SD 1.x";
        } else if (kind == ModelSpec.TextEncoderKind.OPEN_CLIP && unet.contextDim() == 1024 && standardWidths) {
            base = "SD 2.x";
        } else {
            base = (kind == ModelSpec.TextEncoderKind.CLIP ? "SD 1.x layout" : "SD 2.x layout") + ", custom size";
        }
        return unet.inChannels() == 9 ? base + " inpainting" : base;
    }

    public static UNetConfig detectUNet(Map<String, long[]> s, JsonObject studio) {
        long[] convIn = require(s, U + "input_blocks.0.0.weight", "U-Net");
        int mc = (int) convIn[0];
        int in = (int) convIn[1];
        List<Integer> levelWidths = new ArrayList<>();
        List<Boolean> levelAttention = new ArrayList<>();
        int resBlocksFirstLevel = -1;
        int blocksInLevel = 0;
        int depth = 0;
        int contextDim = -1;
        boolean linear = false;
        for (int n = 1; ; n++) {
            String p = U + "input_blocks." + n + ".";
            if (s.containsKey(p + "0.op.weight")) {
                if (resBlocksFirstLevel < 0) {
                    resBlocksFirstLevel = blocksInLevel;
                }
                blocksInLevel = 0;
                continue;
            }
            long[] conv = s.get(p + "0.in_layers.2.weight");
            if (conv == null) {
                break;
            }
            if (blocksInLevel == 0) {
                levelWidths.add((int) conv[0]);
                levelAttention.add(s.containsKey(p + "1.proj_in.weight"));
            }
            blocksInLevel++;
            if (depth == 0 && s.containsKey(p + "1.proj_in.weight")) {
                depth = countIndexed(s, p + "1.transformer_blocks.", ".norm1.weight");
                contextDim = (int) s.get(p + "1.transformer_blocks.0.attn2.to_k.weight")[1];
                linear = s.get(p + "1.proj_in.weight").length == 2;
            }
        }
        if (levelWidths.isEmpty()) {
            throw new InvalidRequestException("U-Net has no residual blocks under " + U + "input_blocks.*");
        }
        if (resBlocksFirstLevel < 0) {
            resBlocksFirstLevel = blocksInLevel;
        }
        if (depth == 0) {
            String p = U + "middle_block.1.";
            long[] toK = require(s, p + "transformer_blocks.0.attn2.to_k.weight", "U-Net middle block");
            depth = countIndexed(s, p + "transformer_blocks.", ".norm1.weight");
            contextDim = (int) toK[1];
            linear = s.get(p + "proj_in.weight").length == 2;
        }
        int[] mult = levelWidths.stream().mapToInt(w -> w / mc).toArray();
        List<Integer> attention = new ArrayList<>();
        for (int level = 0; level < levelAttention.size(); level++) {
            if (levelAttention.get(level)) {
                attention.add(1 << level);
            }
        }
        int out = (int) require(s, U + "out.2.weight", "U-Net")[0];
        int heads = -1;
        int headChannels = -1;
        JsonObject u = studio != null && studio.has("unet") ? studio.getAsJsonObject("unet") : null;
        if (u != null && u.has("num_head_channels") && u.get("num_head_channels").getAsInt() > 0) {
            headChannels = u.get("num_head_channels").getAsInt();
        } else if (u != null && u.has("num_heads") && u.get("num_heads").getAsInt() > 0) {
            heads = u.get("num_heads").getAsInt();
        } else if (contextDim == 1024 || linear) {
            headChannels = 64; // SD 2.x convention
        } else {
            heads = 8; // SD 1.x convention
        }
        return new UNetConfig(in, out, mc, mult, resBlocksFirstLevel, attention.stream().mapToInt(i -> i).toArray(),
                heads, headChannels, depth, contextDim, linear);
    }

    public static VaeConfig detectVae(Map<String, long[]> s, Map<String, String> metadata, JsonObject studio) {
        long[] convIn = require(s, V + "encoder.conv_in.weight", "autoencoder");
        int ch = (int) convIn[0];
        int levels = countIndexed(s, V + "encoder.down.", ".block.0.conv1.weight");
        int[] mult = new int[levels];
        for (int i = 0; i < levels; i++) {
            mult[i] = (int) s.get(V + "encoder.down." + i + ".block.0.conv1.weight")[0] / ch;
        }
        int resBlocks = countIndexed(s, V + "encoder.down.0.block.", ".conv1.weight");
        int z = (int) require(s, V + "decoder.conv_in.weight", "autoencoder")[1];
        int embed = (int) require(s, V + "post_quant_conv.weight", "autoencoder")[1];
        float scale = SD_LATENT_SCALE;
        String fromMeta = metadata.get("studio.latent_scale");
        for (String key : new String[] {"latent_scale", "scale_factor"}) {
            if (fromMeta == null && studio != null && studio.has(key)) {
                fromMeta = studio.get(key).getAsString();
            }
        }
        if (fromMeta != null) {
            try {
                scale = Float.parseFloat(fromMeta);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("metadata latent scale '" + fromMeta + "' is not a number");
            }
        }
        return new VaeConfig(ch, mult, resBlocks, z, embed, scale);
    }

    private static TextEncoderConfig detectClip(Map<String, long[]> s, JsonObject studio) {
        String p = CheckpointKeys.CLIP;
        long[] tok = s.get(p + "embeddings.token_embedding.weight");
        long[] pos = require(s, p + "embeddings.position_embedding.weight", "text encoder");
        int layers = countIndexed(s, p + "encoder.layers.", ".layer_norm1.weight");
        int width = (int) tok[1];
        return new TextEncoderConfig((int) tok[0], width, layers, textHeads(width, studio), (int) pos[0], width);
    }

    private static TextEncoderConfig detectOpenClip(Map<String, long[]> s, JsonObject studio) {
        String p = CheckpointKeys.OPEN_CLIP;
        long[] tok = s.get(p + "token_embedding.weight");
        long[] pos = require(s, p + "positional_embedding", "text encoder");
        int layers = countIndexed(s, p + "transformer.resblocks.", ".ln_1.weight");
        long[] proj = s.get(p + "text_projection");
        int width = (int) tok[1];
        return new TextEncoderConfig((int) tok[0], width, layers, textHeads(width, studio), (int) pos[0],
                proj == null ? width : (int) proj[1]);
    }

    /** CLIP text transformers use 64-wide heads (ViT-L/14: 12, ViT-H/14: 16) unless metadata says otherwise. */
    private static int textHeads(int width, JsonObject studio) {
        JsonObject text = studio != null && studio.has("text") ? studio.getAsJsonObject("text") : null;
        for (String key : new String[] {"heads", "num_attention_heads"}) {
            if (text != null && text.has(key)) {
                return text.get(key).getAsInt();
            }
        }
        return Math.max(1, width / 64);
    }

    private static Prediction prediction(Map<String, String> metadata, JsonObject studio, Prediction override) {
        if (override != null) {
            return override;
        }
        for (String key : new String[] {"prediction_type", "modelspec.prediction_type", "studio.prediction"}) {
            String v = metadata.get(key);
            if (v != null) {
                return v.toLowerCase(Locale.ROOT).startsWith("v") ? Prediction.V : Prediction.EPSILON;
            }
        }
        if (studio != null && studio.has("prediction")) {
            return Prediction.parse(studio.get("prediction").getAsString());
        }
        return Prediction.EPSILON;
    }

    private static JsonObject studioConfig(Map<String, String> metadata) {
        String json = metadata.get("studio.config");
        if (json == null) {
            return null;
        }
        try {
            return JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new InvalidRequestException("metadata 'studio.config' is not a JSON object: " + e.getMessage());
        }
    }

    private static long[] require(Map<String, long[]> s, String key, String part) {
        long[] shape = s.get(key);
        if (shape == null) {
            throw new InvalidRequestException("not a Stable Diffusion checkpoint: the " + part + " tensor '" + key
                    + "' is missing");
        }
        return shape;
    }

    /** Like {@link #countIndexed} over a key set. */
    static int countIndexedKeys(java.util.Set<String> keys, String prefix, String suffix) {
        int n = 0;
        while (keys.contains(prefix + n + suffix)) {
            n++;
        }
        return n;
    }

    /** Counts consecutive indices i = 0, 1, ... for which prefix + i + suffix is a key. */
    static int countIndexed(Map<String, long[]> s, String prefix, String suffix) {
        int n = 0;
        while (s.containsKey(prefix + n + suffix)) {
            n++;
        }
        return n;
    }
}
