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
            if (textConfig != null && !textConfig.string("hidden_act").orElse("quick_gelu").equals("quick_gelu")) {
                throw new InvalidRequestException(dir + ": this diffusers folder has an OpenCLIP (SD 2.x) text encoder, "
                        + "which is supported only in single-file checkpoints; use the model's .safetensors file");
            }
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
            TensorSource text = view.ownAndGet(new SafetensorsSource(weights(dir, "text_encoder", "model")));
            for (String k : text.keys()) {
                if (k.startsWith("text_model.") && !k.endsWith("position_ids")) {
                    view.put("cond_stage_model.transformer." + k, text, k, null);
                }
            }
            view.putMetadata("studio.config", headCounts(readJson(dir.resolve("unet/config.json")), textConfig).toString());
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

    /**
     * Head counts are not visible in tensor shapes. Diffusers' {@code attention_head_dim} is, despite
     * its name, the number of heads for SD 1.x (an int); a per-level list (SD 2.x) gives channels per head.
     */
    static JsonObject headCounts(JsonConfig unetConfig, JsonConfig textConfig) {
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
                unet.addProperty("num_head_channels", width / heads);
            }
        }
        config.add("unet", unet);
        if (textConfig != null && textConfig.has("num_attention_heads")) {
            JsonObject text = new JsonObject();
            text.addProperty("heads", textConfig.positiveInt("num_attention_heads").getAsInt());
            config.add("text", text);
        }
        return config;
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
