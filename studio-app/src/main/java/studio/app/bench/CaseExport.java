package studio.app.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.DiffusionModel;
import studio.engine.nn.Module;
import studio.engine.nn.Param;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;
import studio.engine.sampling.Prediction;

/**
 * Writes a case for {@code tools/reference/bench_reference.py}: the model's weights (F32, under
 * {@code unet.}, {@code vae.}, {@code text.} + the checkpoint key), the configs in the reference's
 * naming with the run's settings ({@code case.json}), and the per-operation inputs with Java's
 * outputs, so the reference can confirm it does the same work before timing it.
 */
final class CaseExport {
    private CaseExport() {
    }

    static void write(Path dir, BenchCase c, DiffusionModel model, BenchInputs in) throws IOException {
        Files.createDirectories(dir);
        SafetensorsWriter weights = new SafetensorsWriter().metadata("studio.bench", c.name());
        addAll(weights, "unet.", model.unet());
        addAll(weights, "vae.", model.vae());
        addAll(weights, "text.", (Module) model.textEncoder());
        weights.write(dir.resolve("weights.safetensors"));

        SafetensorsWriter inputs = new SafetensorsWriter();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            add(inputs, "text_cond", in.textCond);
            add(inputs, "unet_x", in.unetX);
            add(inputs, "unet_t", in.unetT);
            add(inputs, "unet_context", in.unetContext);
            add(inputs, "unet_out", in.unetStep(model));
            add(inputs, "vae_latent", in.vaeLatent);
            add(inputs, "vae_out", in.vaeDecode(model));
        }
        inputs.write(dir.resolve("inputs.safetensors"));
        Files.writeString(dir.resolve("case.json"), new GsonBuilder().setPrettyPrinting().create()
                .toJson(describe(c, model, in)), StandardCharsets.UTF_8);
    }

    private static void addAll(SafetensorsWriter w, String prefix, Module module) {
        for (Map.Entry<String, Param> e : module.parameters().entrySet()) {
            NDArray value = e.getValue().get();
            w.add(prefix + e.getKey(), DType.F32, value.getShape().getShape(), value::toFloatArray);
        }
    }

    private static void add(SafetensorsWriter w, String name, NDArray value) {
        w.add(name, DType.F32, value.getShape().getShape(), value.toFloatArray());
    }

    private static JsonObject describe(BenchCase c, DiffusionModel model, BenchInputs in) {
        JsonObject o = new JsonObject();
        o.addProperty("name", c.name());
        o.addProperty("description", c.description());
        o.add("unet", unet(model.unet().config()));
        o.add("vae", vae(model.vae().config()));
        // The PyTorch side has SD 1.x's CLIP only (the bench cases are SD-1-layout models).
        if (model.textEncoder() instanceof ClipTextModel clip && model.second() == null
                && clip.config().activation() == TextEncoderConfig.Activation.QUICK_GELU
                && clip.config().output() == TextEncoderConfig.Output.LAST_NORMED) {
            o.addProperty("text_kind", "clip");
            o.add("text", clip(clip.config()));
        } else {
            throw new IllegalStateException("no reference for text encoder " + model.textEncoder().getClass());
        }
        o.addProperty("prediction", model.prediction() == Prediction.V ? "v" : "eps");
        o.addProperty("latent_scale", model.latentScale());
        o.addProperty("latent_channels", model.latentChannels());
        o.addProperty("vae_factor", model.vaeFactor());
        o.addProperty("width", c.width());
        o.addProperty("height", c.height());
        o.addProperty("steps", c.steps());
        o.addProperty("guidance", BenchCase.GUIDANCE);
        o.addProperty("seed", BenchCase.SEED);
        o.addProperty("sampler", BenchCase.SAMPLER);
        o.addProperty("clip_skip", 1);
        o.add("cond_ids", ints(in.condIds));
        o.add("uncond_ids", ints(in.uncondIds));
        return o;
    }

    private static JsonObject unet(UNetConfig u) {
        JsonObject o = new JsonObject();
        o.addProperty("in_channels", u.inChannels());
        o.addProperty("out_channels", u.outChannels());
        o.addProperty("model_channels", u.modelChannels());
        o.add("channel_mult", ints(u.channelMult()));
        o.addProperty("num_res_blocks", u.numResBlocks());
        o.add("attention_resolutions", ints(u.attentionResolutions()));
        o.addProperty("num_heads", u.numHeads());
        o.addProperty("num_head_channels", u.numHeadChannels());
        o.addProperty("transformer_depth", u.transformerDepthMiddle());
        o.addProperty("context_dim", u.contextDim());
        o.addProperty("use_linear_in_transformer", u.useLinearInTransformer());
        return o;
    }

    private static JsonObject vae(VaeConfig v) {
        JsonObject o = new JsonObject();
        o.addProperty("ch", v.ch());
        o.add("ch_mult", ints(v.chMult()));
        o.addProperty("num_res_blocks", v.numResBlocks());
        o.addProperty("in_channels", 3);
        o.addProperty("out_ch", 3);
        o.addProperty("z_channels", v.zChannels());
        o.addProperty("embed_dim", v.embedDim());
        return o;
    }

    private static JsonObject clip(TextEncoderConfig t) {
        JsonObject o = new JsonObject();
        o.addProperty("vocab_size", t.vocabSize());
        o.addProperty("hidden_size", t.width());
        o.addProperty("intermediate_size", 4 * t.width());
        o.addProperty("num_attention_heads", t.heads());
        o.addProperty("num_hidden_layers", t.layers());
        o.addProperty("max_position_embeddings", t.contextLength());
        return o;
    }

    private static JsonArray ints(int[] values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }
}
