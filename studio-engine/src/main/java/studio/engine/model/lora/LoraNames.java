package studio.engine.model.lora;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.DiffusersNames;

/**
 * The one table from the names LoRA files give a layer to the checkpoint key of the weight it changes.
 *
 * <p>Every naming is first brought to kohya's flat form ({@link #flat}): {@code lora_unet_} or
 * {@code lora_te_} followed by the module path with dots as underscores. Underscores are ambiguous
 * ({@code down_blocks_0} vs {@code to_q}), so flat names are never parsed back: the table is built
 * forward from the loaded model's own parameter keys, each key entered under every name a trainer may
 * use for it. U-Net: the original LDM name (kohya's SDXL naming, {@code input_blocks_4_1_...}) and the
 * diffusers name (kohya's and PEFT's SD 1.x/2.x naming, {@code down_blocks_1_attentions_0_...}), the
 * latter by the inverse of {@link DiffusersNames#unet}. Text encoders: Hugging Face CLIP names
 * ({@code text_model_encoder_layers_0_self_attn_q_proj}), in which every text encoder here runs (OpenCLIP
 * towers are loaded in those names, their packed {@code in_proj} split at load): {@code lora_te_} for
 * SD 1.x/2.x, {@code lora_te1_} (CLIP ViT-L) and {@code lora_te2_} (OpenCLIP bigG) for SDXL.
 */
public final class LoraNames {
    /** A weight a LoRA layer changes: rows {@code [rowOffset, rowOffset + rows)} of the tensor at {@code key}. */
    public record Target(String key, long rowOffset, long rows, boolean textEncoder) {
        public boolean isWhole() {
            return rows < 0;
        }
    }

    public static final String UNET = "lora_unet_";
    public static final String TEXT = "lora_te_";

    private static final Pattern INPUT = Pattern.compile("input_blocks\\.(\\d+)\\.([01])\\.(.+)");
    private static final Pattern OUTPUT = Pattern.compile("output_blocks\\.(\\d+)\\.([012])\\.(.+)");
    private static final Pattern MIDDLE = Pattern.compile("middle_block\\.([012])\\.(.+)");
    /** A ResBlock's parts, LDM name to diffusers name: {@link DiffusersNames#UNET_RESNET} inverted. */
    private static final Map<String, String> RESNET = DiffusersNames.UNET_RESNET.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final Map<String, String> TOP = Map.of(
            "input_blocks.0.0", "conv_in", "time_embed.0", "time_embedding.linear_1",
            "time_embed.2", "time_embedding.linear_2", "out.0", "conv_norm_out", "out.2", "conv_out");

    private LoraNames() {
    }

    /**
     * One text encoder's weights: its kohya prefix ({@code lora_te_}, {@code lora_te1_}, {@code lora_te2_}),
     * the key prefix its parameters are registered under, and its keys (HF CLIP names) with shapes.
     */
    public record TextPart(String flatPrefix, String keyPrefix, Map<String, long[]> keys) {
    }

    /**
     * The flat names of a loaded model's weights.
     *
     * @param unetKeys     the U-Net's parameter keys without prefix, with their shapes
     * @param perLevel     ResBlocks per U-Net level plus one (the downsampler's or upsampler's slot)
     * @param texts        the text encoders
     */
    public static Map<String, Target> forModel(Map<String, long[]> unetKeys, int perLevel, List<TextPart> texts) {
        Map<String, Target> table = new LinkedHashMap<>();
        unetKeys.forEach((key, shape) -> {
            if (!key.endsWith(".weight") || (shape.length != 2 && shape.length != 4)) {
                return;
            }
            String module = key.substring(0, key.length() - ".weight".length());
            Target whole = new Target(CheckpointKeys.UNET + key, 0, -1, false);
            table.put(UNET + underscored(module), whole);
            String diffusers = unetToDiffusers(module, perLevel);
            if (diffusers != null) {
                table.put(UNET + underscored(diffusers), whole);
            }
        });
        for (TextPart text : texts) {
            text.keys().forEach((key, shape) -> {
                if (key.endsWith(".weight") && shape.length == 2 && key.startsWith("encoder.")) {
                    String module = key.substring(0, key.length() - ".weight".length());
                    table.put(text.flatPrefix() + "text_model_" + underscored(module),
                            new Target(text.keyPrefix() + key, 0, -1, true));
                }
            });
        }
        return table;
    }

    /**
     * A LoRA layer's module name in kohya's flat form, whatever trainer wrote it, or null when the name
     * belongs to no known naming. {@code module} is the key without its factor suffix
     * ({@code .lora_down.weight}, {@code .lora_A.weight}, {@code .alpha}, ...).
     */
    public static String flat(String module) {
        if (module.startsWith("lora_")) {
            return module; // kohya's own (lora_unet_, lora_te_, SDXL's lora_te1_/lora_te2_)
        }
        String m = module;
        // diffusers' older attention-processor names: attn1.processor.to_q_lora → attn1.to_q
        m = m.replace(".processor.", ".");
        m = m.replaceAll("\\.to_(q|k|v)_lora$", ".to_$1").replaceAll("\\.to_out_lora$", ".to_out.0");
        m = m.replaceAll("\\.lora_linear_layer$", "");
        if (m.startsWith("unet.")) {
            return UNET + underscored(m.substring("unet.".length()));
        }
        if (m.startsWith("base_model.model.")) { // PEFT saved without diffusers' prefix rewrite
            return UNET + underscored(m.substring("base_model.model.".length()));
        }
        if (m.startsWith("text_encoder_2.")) { // SDXL's second encoder: kohya calls it lora_te2_
            return "lora_te2_" + underscored(m.substring("text_encoder_2.".length()));
        }
        if (m.startsWith("text_encoder.")) {
            return TEXT + underscored(m.substring("text_encoder.".length()));
        }
        return null;
    }

    /**
     * An LDM U-Net module path in diffusers naming: the inverse of {@link DiffusersNames#unet}, which the
     * tests check by the round trip over SD 1.5's and the tiny models' keys. Null for names diffusers
     * does not have.
     */
    static String unetToDiffusers(String module, int perLevel) {
        for (Map.Entry<String, String> e : TOP.entrySet()) {
            if (module.equals(e.getKey())) {
                return e.getValue();
            }
        }
        Matcher m;
        if ((m = INPUT.matcher(module)).matches()) {
            int n = Integer.parseInt(m.group(1)) - 1;
            int level = n / perLevel;
            int j = n % perLevel;
            if (m.group(2).equals("1")) {
                return "down_blocks." + level + ".attentions." + j + "." + m.group(3);
            }
            if (j == perLevel - 1) {
                return m.group(3).equals("op") ? "down_blocks." + level + ".downsamplers.0.conv" : null;
            }
            return resnet("down_blocks." + level + ".resnets." + j, m.group(3));
        }
        if ((m = OUTPUT.matcher(module)).matches()) {
            int n = Integer.parseInt(m.group(1));
            String block = "up_blocks." + (n / perLevel);
            int j = n % perLevel;
            return switch (m.group(2)) {
                case "0" -> resnet(block + ".resnets." + j, m.group(3));
                case "1" -> m.group(3).equals("conv") ? block + ".upsamplers.0.conv" : block + ".attentions." + j + "." + m.group(3);
                default -> m.group(3).equals("conv") ? block + ".upsamplers.0.conv" : null;
            };
        }
        if ((m = MIDDLE.matcher(module)).matches()) {
            return switch (m.group(1)) {
                case "1" -> "mid_block.attentions.0." + m.group(2);
                case "0" -> resnet("mid_block.resnets.0", m.group(2));
                default -> resnet("mid_block.resnets.1", m.group(2));
            };
        }
        return null;
    }

    private static String resnet(String block, String rest) {
        String mapped = RESNET.get(rest);
        return mapped == null ? null : block + "." + mapped;
    }

    static String underscored(String dotted) {
        return dotted.replace('.', '_');
    }

    /** For tests: every U-Net key of {@code keys} (LDM, no prefix) in diffusers naming. */
    static Map<String, String> diffusersNamesOf(Set<String> keys, int perLevel) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            int dot = k.lastIndexOf('.');
            String d = unetToDiffusers(k.substring(0, dot), perLevel);
            if (d != null) {
                out.put(k, d + k.substring(dot));
            }
        }
        return out;
    }
}
