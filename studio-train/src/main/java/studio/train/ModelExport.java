package studio.train;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointKeys;
import studio.engine.nn.Module;
import studio.engine.nn.Param;

/**
 * Writes trained weights as a single-file Stable Diffusion checkpoint: the SD key layout
 * ({@code model.diffusion_model.*}, {@code first_stage_model.*},
 * {@code cond_stage_model.transformer.text_model.*}) in F16, with what names and shapes cannot tell
 * in {@code studio.config} metadata (head counts, latent scale, prediction, tokenizer file), so the
 * ordinary checkpoint loader reads it like any other SD file.
 */
public final class ModelExport {
    public static final String TOKENIZER_FILE = "vocabulary.json";

    private ModelExport() {
    }

    public static void write(Path file, Module unet, Module vae, Module text, float latentScale, int unetHeads,
                             int textHeads, Map<String, String> extraMetadata) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        add(w, CheckpointKeys.UNET, unet.parameters());
        add(w, CheckpointKeys.VAE, vae.parameters());
        add(w, CheckpointKeys.CLIP, text.parameters());
        JsonObject config = new JsonObject();
        JsonObject u = new JsonObject();
        u.addProperty("num_heads", unetHeads);
        config.add("unet", u);
        JsonObject t = new JsonObject();
        t.addProperty("heads", textHeads);
        config.add("text", t);
        config.addProperty("latent_scale", latentScale);
        config.addProperty("prediction", "epsilon");
        config.addProperty("tokenizer", TOKENIZER_FILE);
        w.metadata("studio.config", config.toString());
        w.metadata("studio.latent_scale", Float.toString(latentScale));
        w.metadata(extraMetadata);
        w.write(file);
    }

    private static void add(SafetensorsWriter w, String prefix, Map<String, Param> params) {
        params.forEach((k, p) -> w.add(prefix + k, DType.F16, p.shape().getShape(), p.get().toFloatArray()));
    }
}
