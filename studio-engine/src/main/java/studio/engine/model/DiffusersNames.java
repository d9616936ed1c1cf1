package studio.engine.model;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites diffusers key names to the canonical LDM layout (without the component prefix), in one
 * table-driven place, so detection and loading see a diffusers folder exactly as a single-file
 * checkpoint. Returns null for keys that have no LDM counterpart.
 */
public final class DiffusersNames {
    private static final Pattern DOWN = Pattern.compile("down_blocks\\.(\\d+)\\.(resnets|attentions|downsamplers)\\.(\\d+)\\.(.+)");
    private static final Pattern UP = Pattern.compile("up_blocks\\.(\\d+)\\.(resnets|attentions|upsamplers)\\.(\\d+)\\.(.+)");
    private static final Pattern MID = Pattern.compile("mid_block\\.(resnets|attentions)\\.(\\d+)\\.(.+)");
    private static final Pattern VAE_BLOCK = Pattern.compile("(encoder|decoder)\\.(down|up)_blocks\\.(\\d+)\\.(resnets|downsamplers|upsamplers)\\.(\\d+)\\.(.+)");
    private static final Pattern VAE_MID = Pattern.compile("(encoder|decoder)\\.mid_block\\.(resnets|attentions)\\.(\\d+)\\.(.+)");

    /** A U-Net ResBlock's parts, diffusers name to LDM name; {@code LoraNames} reads it the other way. */
    public static final Map<String, String> UNET_RESNET = Map.of(
            "norm1", "in_layers.0", "conv1", "in_layers.2", "time_emb_proj", "emb_layers.1",
            "norm2", "out_layers.0", "conv2", "out_layers.3", "conv_shortcut", "skip_connection");
    private static final Map<String, String> UNET_TOP = Map.of(
            "conv_in", "input_blocks.0.0", "time_embedding.linear_1", "time_embed.0",
            "time_embedding.linear_2", "time_embed.2", "conv_norm_out", "out.0", "conv_out", "out.2",
            "add_embedding.linear_1", "label_emb.0.0", "add_embedding.linear_2", "label_emb.0.2");
    private static final Map<String, String> VAE_ATTENTION = Map.of(
            "group_norm", "norm", "to_q", "q", "query", "q", "to_k", "k", "key", "k",
            "to_v", "v", "value", "v", "to_out.0", "proj_out", "proj_attn", "proj_out");

    /**
     * A diffusers ControlNet's own parts (its encoder has the U-Net's names): the hint embedding's
     * input, six inner and output convolutions are {@code input_hint_block.0, 2, .., 14}; a zero
     * convolution per input block and one after the middle block.
     */
    private static final Pattern CONTROLNET = Pattern.compile(
            "(controlnet_cond_embedding\\.conv_in|controlnet_cond_embedding\\.blocks\\.(\\d+)|controlnet_cond_embedding\\.conv_out"
                    + "|controlnet_down_blocks\\.(\\d+)|controlnet_mid_block)\\.(weight|bias)");

    private DiffusersNames() {
    }

    /**
     * A diffusers ControlNet key in the naming of the original ControlNet (without {@code control_model.}),
     * or null when it has none.
     */
    public static String controlNet(String key, Set<String> keys) {
        Matcher m = CONTROLNET.matcher(key);
        if (!m.matches()) {
            return unet(key, keys);
        }
        String part = m.group(1);
        String ldm;
        if (part.endsWith(".conv_in")) {
            ldm = "input_hint_block.0";
        } else if (part.endsWith(".conv_out")) {
            ldm = "input_hint_block.14";
        } else if (m.group(2) != null) {
            ldm = "input_hint_block." + (2 * Integer.parseInt(m.group(2)) + 2);
        } else if (m.group(3) != null) {
            ldm = "zero_convs." + m.group(3) + ".0";
        } else {
            ldm = "middle_block_out.0";
        }
        return ldm + "." + m.group(4);
    }

    /**
     * A diffusers U-Net key in LDM naming.
     *
     * @param keys all U-Net keys (to tell whether an up block has attention, which shifts the upsampler index)
     */
    public static String unet(String key, Set<String> keys) {
        int perLevel = ModelDetector.countIndexedKeys(keys, "down_blocks.0.resnets.", ".conv1.weight") + 1;
        Matcher m;
        for (Map.Entry<String, String> e : UNET_TOP.entrySet()) {
            if (key.startsWith(e.getKey() + ".")) {
                return e.getValue() + key.substring(e.getKey().length());
            }
        }
        if ((m = DOWN.matcher(key)).matches()) {
            int level = Integer.parseInt(m.group(1));
            int j = Integer.parseInt(m.group(3));
            String rest = m.group(4);
            return switch (m.group(2)) {
                case "resnets" -> "input_blocks." + (1 + level * perLevel + j) + ".0." + resnet(rest);
                case "attentions" -> "input_blocks." + (1 + level * perLevel + j) + ".1." + rest;
                default -> "input_blocks." + (1 + level * perLevel + perLevel - 1) + ".0." + rest.replace("conv.", "op.");
            };
        }
        if ((m = UP.matcher(key)).matches()) {
            int level = Integer.parseInt(m.group(1));
            int j = Integer.parseInt(m.group(3));
            String rest = m.group(4);
            return switch (m.group(2)) {
                case "resnets" -> "output_blocks." + (level * perLevel + j) + ".0." + resnet(rest);
                case "attentions" -> "output_blocks." + (level * perLevel + j) + ".1." + rest;
                default -> {
                    boolean attention = keys.stream().anyMatch(k -> k.startsWith("up_blocks." + level + ".attentions."));
                    yield "output_blocks." + (level * perLevel + perLevel - 1) + "." + (attention ? 2 : 1) + "." + rest;
                }
            };
        }
        if ((m = MID.matcher(key)).matches()) {
            int j = Integer.parseInt(m.group(2));
            return m.group(1).equals("attentions")
                    ? "middle_block.1." + m.group(3)
                    : "middle_block." + (j == 0 ? 0 : 2) + "." + resnet(m.group(3));
        }
        return null;
    }

    private static String resnet(String rest) {
        int dot = rest.indexOf('.');
        String name = rest.substring(0, dot);
        String mapped = UNET_RESNET.get(name);
        return (mapped == null ? name : mapped) + rest.substring(dot);
    }

    /**
     * A diffusers VAE key in LDM naming.
     *
     * @param upLevels number of decoder up blocks (diffusers numbers them from the bottom, LDM from the top)
     */
    public static String vae(String key, int upLevels) {
        Matcher m;
        if ((m = VAE_BLOCK.matcher(key)).matches()) {
            String part = m.group(1);
            int level = Integer.parseInt(m.group(3));
            int ldmLevel = m.group(2).equals("up") ? upLevels - 1 - level : level;
            String ldmDir = m.group(2);
            String rest = m.group(6);
            return switch (m.group(4)) {
                case "resnets" -> part + "." + ldmDir + "." + ldmLevel + ".block." + m.group(5) + "."
                        + rest.replace("conv_shortcut.", "nin_shortcut.");
                case "downsamplers" -> part + ".down." + ldmLevel + ".downsample." + rest;
                default -> part + ".up." + ldmLevel + ".upsample." + rest;
            };
        }
        if ((m = VAE_MID.matcher(key)).matches()) {
            String part = m.group(1);
            String rest = m.group(4);
            if (m.group(2).equals("resnets")) {
                return part + ".mid.block_" + (Integer.parseInt(m.group(3)) + 1) + "."
                        + rest.replace("conv_shortcut.", "nin_shortcut.");
            }
            for (Map.Entry<String, String> e : VAE_ATTENTION.entrySet()) {
                if (rest.startsWith(e.getKey() + ".")) {
                    return part + ".mid.attn_1." + e.getValue() + rest.substring(e.getKey().length());
                }
            }
            return null;
        }
        if (key.startsWith("encoder.conv_norm_out.") || key.startsWith("decoder.conv_norm_out.")) {
            return key.replace("conv_norm_out.", "norm_out.");
        }
        if (key.startsWith("encoder.conv_") || key.startsWith("decoder.conv_") || key.startsWith("quant_conv.")
                || key.startsWith("post_quant_conv.")) {
            return key;
        }
        return null;
    }
}
