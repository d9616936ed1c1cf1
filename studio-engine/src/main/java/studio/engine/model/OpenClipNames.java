package studio.engine.model;

import ai.djl.ndarray.index.NDIndex;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenCLIP's text-transformer names rewritten onto the Hugging Face CLIP names the one text
 * transformer ({@code nn/clip/ClipTextModel}) uses, in one table. Two tensors are not plain renames:
 * the fused attention projection {@code attn.in_proj_weight} / {@code in_proj_bias} ([q; k; v] stacked
 * on rows, as torch's MultiheadAttention holds them) becomes three slices, and {@code text_projection}
 * ((width, projection), applied as x·P) becomes the (projection, width) weight of a linear layer.
 * Keys without a counterpart ({@code logit_scale}, {@code attn_mask}, vision tower) stay as they are.
 */
final class OpenClipNames {
    private static final Pattern BLOCK = Pattern.compile("transformer\\.resblocks\\.(\\d+)\\.(.+)");
    private static final Map<String, String> TOP = Map.of(
            "token_embedding.weight", "embeddings.token_embedding.weight",
            "positional_embedding", "embeddings.position_embedding.weight",
            "ln_final.weight", "final_layer_norm.weight",
            "ln_final.bias", "final_layer_norm.bias");
    private static final Map<String, String> IN_BLOCK = Map.of(
            "ln_1.", "layer_norm1.",
            "ln_2.", "layer_norm2.",
            "attn.out_proj.", "self_attn.out_proj.",
            "mlp.c_fc.", "mlp.fc1.",
            "mlp.c_proj.", "mlp.fc2.");
    private static final String[] QKV = {"q_proj", "k_proj", "v_proj"};

    private OpenClipNames() {
    }

    /**
     * Adds every tensor of {@code source} under {@code prefix} to {@code view}, OpenCLIP names rewritten,
     * under the same prefix.
     */
    static void addRenamed(RenamedSource view, TensorSource source, String prefix) {
        for (String key : source.keys()) {
            if (key.startsWith(prefix)) {
                add(view, source, prefix, key, key.substring(prefix.length()));
            }
        }
    }

    private static void add(RenamedSource view, TensorSource source, String prefix, String key, String name) {
        String top = TOP.get(name);
        if (top != null) {
            view.put(prefix + top, source, key, null);
            return;
        }
        long[] shape = source.shape(key);
        if (name.equals("text_projection") && shape.length == 2) {
            view.put(prefix + "text_projection.weight", source, key, new long[] {shape[1], shape[0]},
                    a -> a.transpose().duplicate());
            return;
        }
        Matcher m = BLOCK.matcher(name);
        if (!m.matches()) {
            view.put(key, source, key, null);
            return;
        }
        String layer = prefix + "encoder.layers." + m.group(1) + ".";
        String rest = m.group(2);
        if ((rest.equals("attn.in_proj_weight") || rest.equals("attn.in_proj_bias")) && shape[0] % 3 == 0) {
            long part = shape[0] / 3;
            long[] sliced = shape.clone();
            sliced[0] = part;
            String what = rest.endsWith("weight") ? ".weight" : ".bias";
            for (int i = 0; i < 3; i++) {
                long from = i * part;
                view.put(layer + "self_attn." + QKV[i] + what, source, key, sliced,
                        a -> a.get(new NDIndex("{}:{}", from, from + part)).duplicate());
            }
            return;
        }
        for (Map.Entry<String, String> e : IN_BLOCK.entrySet()) {
            if (rest.startsWith(e.getKey())) {
                view.put(layer + e.getValue() + rest.substring(e.getKey().length()), source, key, null);
                return;
            }
        }
        view.put(key, source, key, null);
    }
}
