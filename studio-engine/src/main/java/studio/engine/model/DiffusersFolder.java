package studio.engine.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
            JsonObject textConfig = readJson(dir.resolve("text_encoder/config.json"));
            if (textConfig != null && textConfig.has("hidden_act")
                    && !"quick_gelu".equals(textConfig.get("hidden_act").getAsString())) {
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
            JsonObject vaeConfig = readJson(dir.resolve("vae/config.json"));
            if (vaeConfig != null && vaeConfig.has("scaling_factor")) {
                view.putMetadata("studio.latent_scale", vaeConfig.get("scaling_factor").getAsString());
            }
            JsonObject scheduler = readJson(dir.resolve("scheduler/scheduler_config.json"));
            if (scheduler != null && scheduler.has("prediction_type")) {
                view.putMetadata("prediction_type", scheduler.get("prediction_type").getAsString());
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
    private static JsonObject headCounts(JsonObject unetConfig, JsonObject textConfig) {
        JsonObject config = new JsonObject();
        JsonObject unet = new JsonObject();
        if (unetConfig != null && unetConfig.has("attention_head_dim")) {
            var dim = unetConfig.get("attention_head_dim");
            if (dim.isJsonPrimitive()) {
                unet.addProperty("num_heads", dim.getAsInt());
            } else if (unetConfig.has("block_out_channels")) {
                int width = unetConfig.getAsJsonArray("block_out_channels").get(0).getAsInt();
                unet.addProperty("num_head_channels", width / dim.getAsJsonArray().get(0).getAsInt());
            }
        }
        config.add("unet", unet);
        if (textConfig != null && textConfig.has("num_attention_heads")) {
            JsonObject text = new JsonObject();
            text.addProperty("heads", textConfig.get("num_attention_heads").getAsInt());
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

    private static JsonObject readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException(file + " is not readable JSON: " + e.getMessage());
        }
    }
}
