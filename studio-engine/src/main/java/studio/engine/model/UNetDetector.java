package studio.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.unet.UNetConfig;

/**
 * The U-Net part of {@link ModelDetector}: widths, levels and attention from tensor shapes, head
 * counts from {@code studio.config} or the SD conventions, each checked against the widths it
 * splits (a head count that does not divide a width failed later as a libtorch reshape error).
 */
final class UNetDetector {
    private static final String PART = "U-Net";

    private UNetDetector() {
    }

    private record Attention(int depth, int contextDim, boolean linear) {
    }

    static UNetConfig detect(ShapeTable s, JsonConfig studio) {
        return detect(s, studio, CheckpointKeys.UNET, true);
    }

    /**
     * The configuration of the U-Net (or of a ControlNet's copy of its encoder, which has no output
     * blocks: {@code withOutput} false) whose keys start with {@code prefix}.
     */
    static UNetConfig detect(ShapeTable s, JsonConfig studio, String prefix, boolean withOutput) {
        int[] convIn = s.require(prefix + "input_blocks.0.0.weight", PART, 4);
        int mc = convIn[0];
        int in = convIn[1];
        List<Integer> levelWidths = new ArrayList<>();
        List<Boolean> levelAttention = new ArrayList<>();
        List<Integer> levelDepth = new ArrayList<>();
        int resBlocksFirstLevel = -1;
        int blocksInLevel = 0;
        Attention attention = null;
        for (int n = 1; ; n++) {
            String p = prefix + "input_blocks." + n + ".";
            if (s.has(p + "0.op.weight")) {
                if (resBlocksFirstLevel < 0) {
                    resBlocksFirstLevel = blocksInLevel;
                }
                blocksInLevel = 0;
                continue;
            }
            int[] conv = s.optional(p + "0.in_layers.2.weight", PART, 4);
            if (conv == null) {
                break;
            }
            boolean hasAttention = s.has(p + "1.proj_in.weight");
            if (blocksInLevel == 0) {
                levelWidths.add(conv[0]);
                levelAttention.add(hasAttention);
                levelDepth.add(hasAttention ? attention(s, p + "1.").depth() : 0);
            }
            blocksInLevel++;
            if (attention == null && hasAttention) {
                attention = attention(s, p + "1.");
            }
        }
        if (levelWidths.isEmpty()) {
            throw new InvalidRequestException("U-Net has no residual blocks under " + prefix + "input_blocks.*");
        }
        if (resBlocksFirstLevel < 0) {
            resBlocksFirstLevel = blocksInLevel;
        }
        Attention middle = attention(s, prefix + "middle_block.1.");
        if (attention == null) {
            attention = middle;
        }
        if (middle.contextDim() != attention.contextDim()) {
            throw new InvalidRequestException("the U-Net's middle block cross-attends to " + middle.contextDim()
                    + " channels but its other transformers to " + attention.contextDim() + "; the checkpoint is damaged");
        }
        int[] mult = new int[levelWidths.size()];
        List<Integer> attentionAt = new ArrayList<>();
        for (int level = 0; level < mult.length; level++) {
            int width = levelWidths.get(level);
            if (width % mc != 0) {
                throw new InvalidRequestException("U-Net level " + level + " is " + width + " channels wide, not a "
                        + "multiple of the base width " + mc + " (" + prefix + "input_blocks.0.0.weight); the checkpoint is damaged");
            }
            mult[level] = width / mc;
            if (levelAttention.get(level)) {
                attentionAt.add(1 << level);
            }
        }
        int out = withOutput ? s.require(prefix + "out.2.weight", PART, 4)[0] : in;
        JsonConfig u = studio == null ? null : studio.object("unet").orElse(null);
        OptionalInt headChannels = unsetOrPositive(u, "num_head_channels");
        OptionalInt heads = headChannels.isPresent() ? OptionalInt.empty() : unsetOrPositive(u, "num_heads");
        int numHeads = -1;
        int numHeadChannels = -1;
        String origin;
        if (headChannels.isPresent()) {
            numHeadChannels = headChannels.getAsInt();
            origin = studio.source() + " key 'unet.num_head_channels'";
        } else if (heads.isPresent()) {
            numHeads = heads.getAsInt();
            origin = studio.source() + " key 'unet.num_heads'";
        } else if (attention.contextDim() == 1024 || attention.linear()) {
            numHeadChannels = 64;
            origin = "the SD 2.x and SDXL convention (64-channel heads)";
        } else {
            numHeads = 8;
            origin = "the SD 1.x convention";
        }
        List<Integer> attentionWidths = new ArrayList<>();
        for (int level = 0; level < mult.length; level++) {
            if (levelAttention.get(level)) {
                attentionWidths.add(levelWidths.get(level));
            }
        }
        attentionWidths.add(levelWidths.get(levelWidths.size() - 1)); // the middle block's
        for (int width : attentionWidths) {
            int split = numHeadChannels > 0 ? numHeadChannels : numHeads;
            if (width % split != 0) {
                throw new InvalidRequestException("U-Net attention " + width + " channels wide cannot be split into "
                        + (numHeadChannels > 0 ? "heads of " + split + " channels" : split + " heads") + " (from " + origin
                        + "); the model's configuration does not match its weights");
            }
        }
        int[] adm = s.optional(prefix + "label_emb.0.0.weight", PART, 2);
        if (adm != null && adm[0] != mc * 4) {
            throw new InvalidRequestException("the U-Net's label_emb.0.0 gives " + adm[0] + " channels, but its timestep "
                    + "embedding has " + (mc * 4) + " (4 x " + mc + "); the checkpoint is damaged");
        }
        return new UNetConfig(in, out, mc, mult, resBlocksFirstLevel, attentionAt.stream().mapToInt(i -> i).toArray(),
                numHeads, numHeadChannels, levelDepth.stream().mapToInt(i -> i).toArray(), middle.depth(),
                attention.contextDim(), attention.linear(), adm == null ? 0 : adm[1]);
    }

    /** A transformer's depth, context width and projection kind, from the tensors under {@code p}. */
    private static Attention attention(ShapeTable s, String p) {
        int[] toK = s.require(p + "transformer_blocks.0.attn2.to_k.weight", "U-Net attention", 2);
        int[] projIn = s.require(p + "proj_in.weight", "U-Net attention", 2, 4);
        s.require(p + "transformer_blocks.0.norm1.weight", "U-Net attention", 1);
        int depth = s.countIndexed(p + "transformer_blocks.", ".norm1.weight");
        return new Attention(depth, toK[1], projIn.length == 2);
    }

    /** LDM configs write -1 for "not set"; any other value must be a positive whole number. */
    private static OptionalInt unsetOrPositive(JsonConfig config, String key) {
        if (config == null || !config.has(key)) {
            return OptionalInt.empty();
        }
        var v = config.get(key);
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() && v.getAsDouble() == -1) {
            return OptionalInt.empty();
        }
        return config.positiveInt(key);
    }
}
