package studio.engine.model;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import studio.engine.api.InvalidRequestException;

/**
 * A diffusers folder ({@code model_index.json}, {@code unet/}, {@code vae/}, {@code text_encoder/})
 * seen under the canonical single-file key names, so detection and loading are the same code for
 * both layouts. Facts only the configs hold (VAE scaling factor, prediction type) become metadata.
 */
public final class DiffusersFolder {
    private DiffusersFolder() {
    }

    public static boolean isDiffusersFolder(Path path) {
        return Files.isDirectory(path) && Files.isRegularFile(path.resolve("model_index.json"));
    }

    public static TensorSource open(Path dir) {
        RenamedSource view = new RenamedSource(dir.getFileName() + " (diffusers folder)");
        try {
            JsonConfig textConfig = readJson(dir.resolve("text_encoder/config.json"));
            JsonConfig text2Config = readJson(dir.resolve("text_encoder_2/config.json"));
            boolean sdxl = Files.isDirectory(dir.resolve("text_encoder_2"));
            TensorSource unet = view.ownAndGet(new SafetensorsSource(weights(dir, "unet", "diffusion_pytorch_model")));
            Set<String> unetKeys = unet.keys();
            for (String k : unetKeys) {
                String canonical = DiffusersNames.unet(k, unetKeys);
                if (canonical != null) {
                    view.put(CheckpointKeys.UNET + canonical, unet, k, null);
                }
            }
            TensorSource vae = view.ownAndGet(new SafetensorsSource(weights(dir, "vae", "diffusion_pytorch_model")));
            int upLevels = ModelDetector.countIndexedKeys(vae.keys(), "decoder.up_blocks.", ".resnets.0.conv1.weight");
            for (String k : vae.keys()) {
                String canonical = DiffusersNames.vae(k, upLevels);
                if (canonical != null) {
                    long[] shape = vae.shape(k);
                    boolean linearAttention = canonical.contains(".mid.attn_1.") && canonical.endsWith(".weight")
                            && shape.length == 2;
                    view.put(CheckpointKeys.VAE + canonical, vae, k,
                            linearAttention ? new long[] {shape[0], shape[1], 1, 1} : null);
                }
            }
            // SD 1.x/2.x: one CLIP-named text encoder (SD 2.x's OpenCLIP-H arrives converted, 23 layers, GELU);
            // SDXL: CLIP-L, then OpenCLIP bigG as CLIPTextModelWithProjection.
            addText(view, dir, "text_encoder", sdxl ? CheckpointKeys.SDXL_CLIP : CheckpointKeys.CLIP);
            if (sdxl) {
                addText(view, dir, "text_encoder_2", CheckpointKeys.SDXL_OPEN_CLIP);
            }
            view.putMetadata("studio.config",
                    settings(readJson(dir.resolve("unet/config.json")), textConfig, text2Config).toString());
            JsonConfig vaeConfig = readJson(dir.resolve("vae/config.json"));
            if (vaeConfig != null) {
                vaeConfig.positiveNumber("scaling_factor")
                        .ifPresent(f -> view.putMetadata("studio.latent_scale", Float.toString(f)));
            }
            JsonConfig scheduler = readJson(dir.resolve("scheduler/scheduler_config.json"));
            if (scheduler != null) {
                scheduler.string("prediction_type").ifPresent(p -> view.putMetadata("prediction_type", p));
            }
            return view;
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    /** A transformers text model's tensors: {@code text_model.X} as {@code prefix + X}, and its projection. */
    private static void addText(RenamedSource view, Path dir, String component, String prefix) {
        TensorSource text = view.ownAndGet(new SafetensorsSource(weights(dir, component, "model")));
        for (String k : text.keys()) {
            if (k.startsWith("text_model.") && !k.endsWith("position_ids")) {
                view.put(prefix + k.substring("text_model.".length()), text, k, null);
            } else if (k.equals("text_projection.weight")) {
                view.put(prefix + k, text, k, null);
            }
        }
    }

    /**
     * What tensor shapes do not show: head counts and the text encoders' activation. Diffusers'
     * {@code attention_head_dim} is, despite its name, the number of heads: one int (SD 1.x) or one per
     * level (SD 2.x, SDXL), which with 64-channel heads everywhere is read as channels per head.
     */
    static JsonObject settings(JsonConfig unetConfig, JsonConfig textConfig, JsonConfig text2Config) {
        JsonObject config = new JsonObject();
        JsonObject unet = new JsonObject();
        if (unetConfig != null && unetConfig.has("attention_head_dim")) {
            if (!unetConfig.get("attention_head_dim").isJsonArray()) {
                unet.addProperty("num_heads", unetConfig.positiveInt("attention_head_dim").getAsInt());
            } else if (unetConfig.has("block_out_channels")) {
                int width = unetConfig.positiveInts("block_out_channels")[0];
                int heads = unetConfig.positiveInts("attention_head_dim")[0];
                if (width % heads != 0) {
                    throw new InvalidRequestException(unetConfig.source() + ": key 'attention_head_dim' gives " + heads
                            + " heads for the first level, which do not divide its " + width
                            + " channels (block_out_channels[0])");
                }
                int[] widths = unetConfig.positiveInts("block_out_channels");
                int[] perLevel = unetConfig.positiveInts("attention_head_dim");
                for (int i = 0; i < Math.min(widths.length, perLevel.length); i++) {
                    if (perLevel[i] * (width / heads) != widths[i]) {
                        throw new InvalidRequestException(unetConfig.source() + ": key 'attention_head_dim' gives "
                                + perLevel[i] + " heads at level " + i + " (" + widths[i] + " channels), not heads of "
                                + (width / heads) + " channels as at level 0; such a model is not supported");
                    }
                }
                unet.addProperty("num_head_channels", width / heads);
            }
        }
        config.add("unet", unet);
        addTextSettings(config, "text", textConfig);
        addTextSettings(config, "text2", text2Config);
        return config;
    }

    private static void addTextSettings(JsonObject config, String role, JsonConfig textConfig) {
        if (textConfig == null) {
            return;
        }
        JsonObject text = new JsonObject();
        if (textConfig.has("num_attention_heads")) {
            text.addProperty("heads", textConfig.positiveInt("num_attention_heads").getAsInt());
        }
        text.addProperty("activation", textConfig.string("hidden_act").orElse("quick_gelu"));
        config.add(role, text);
    }

    private static Path weights(Path dir, String component, String stem) {
        for (String name : new String[] {stem + ".safetensors", stem + ".fp16.safetensors"}) {
            Path p = dir.resolve(component).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InvalidRequestException(dir + ": missing " + component + "/" + stem + ".safetensors "
                + "(only safetensors weights are read; convert .bin files first)");
    }

    /** Configs are a few kilobytes; a larger one is refused before it is read into memory. */
    static final long MAX_CONFIG_BYTES = 1 << 20;

    static JsonConfig readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text;
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new InvalidRequestException(file + " is " + Files.size(file) + " bytes, over the "
                        + MAX_CONFIG_BYTES + "-byte limit for a model config; it is not a diffusers config");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidRequestException(file + " is not readable (" + e.getMessage() + ")");
        }
        return JsonConfig.parse(file.toString(), text);
    }
}
