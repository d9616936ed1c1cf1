package studio.engine.nn.unet;

import java.util.Arrays;

/**
 * Hyper-parameters of the LDM / sgm {@code UNetModel}, named as in the original configs.
 *
 * @param inChannels             4, or 9 for inpainting checkpoints (latent + mask + masked-image latent)
 * @param outChannels            4
 * @param modelChannels          base width (SD: 320)
 * @param channelMult            width multiplier per level (SD: 1, 2, 4, 4; SDXL: 1, 2, 4)
 * @param numResBlocks           ResBlocks per level (SD: 2)
 * @param attentionResolutions   downsampling factors with a SpatialTransformer (SD: 1, 2, 4; SDXL: 2, 4)
 * @param numHeads               heads, or -1 when {@code numHeadChannels} fixes the head width (SD1: 8)
 * @param numHeadChannels        channels per head, or -1 (SD2, SDXL: 64)
 * @param transformerDepths      transformer blocks per SpatialTransformer, per level (SD: 1 each; SDXL: 0, 2, 10)
 * @param transformerDepthMiddle transformer blocks in the middle block (sgm: the last level's)
 * @param contextDim             text-context width (SD1: 768, SD2: 1024, SDXL: 2048)
 * @param useLinearInTransformer linear proj_in/proj_out (SD2, SDXL) instead of 1×1 convolutions (SD1)
 * @param admInChannels          width of the vector {@code y} the label_emb path embeds (SDXL: 2816), 0 for none
 */
public record UNetConfig(
        int inChannels,
        int outChannels,
        int modelChannels,
        int[] channelMult,
        int numResBlocks,
        int[] attentionResolutions,
        int numHeads,
        int numHeadChannels,
        int[] transformerDepths,
        int transformerDepthMiddle,
        int contextDim,
        boolean useLinearInTransformer,
        int admInChannels) {

    public UNetConfig {
        channelMult = channelMult.clone();
        attentionResolutions = Arrays.stream(attentionResolutions).sorted().distinct().toArray();
        if (transformerDepths.length != channelMult.length) {
            throw new IllegalArgumentException("one transformer depth per level: " + Arrays.toString(transformerDepths)
                    + " for " + channelMult.length + " levels");
        }
        // A level without attention has no depth (sgm writes 0 there, LDM configs the global depth).
        int[] depths = new int[transformerDepths.length];
        for (int level = 0; level < depths.length; level++) {
            int ds = 1 << level;
            depths[level] = Arrays.stream(attentionResolutions).anyMatch(r -> r == ds) ? transformerDepths[level] : 0;
        }
        transformerDepths = depths;
    }

    /** An SD 1.x/2.x U-Net: one transformer depth everywhere, no label_emb. */
    public UNetConfig(int inChannels, int outChannels, int modelChannels, int[] channelMult, int numResBlocks,
                      int[] attentionResolutions, int numHeads, int numHeadChannels, int transformerDepth,
                      int contextDim, boolean useLinearInTransformer) {
        this(inChannels, outChannels, modelChannels, channelMult, numResBlocks, attentionResolutions, numHeads,
                numHeadChannels, filled(channelMult.length, transformerDepth), transformerDepth, contextDim,
                useLinearInTransformer, 0);
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    public static UNetConfig sd15() {
        return new UNetConfig(4, 4, 320, new int[] {1, 2, 4, 4}, 2, new int[] {4, 2, 1}, 8, -1, 1, 768, false);
    }

    public static UNetConfig sd21() {
        return new UNetConfig(4, 4, 320, new int[] {1, 2, 4, 4}, 2, new int[] {4, 2, 1}, -1, 64, 1, 1024, true);
    }

    /** SDXL base (sgm's config): three levels, attention at the lower two, 2 and 10 transformer blocks. */
    public static UNetConfig sdxl() {
        return new UNetConfig(4, 4, 320, new int[] {1, 2, 4}, 2, new int[] {4, 2}, -1, 64, new int[] {0, 2, 10}, 10,
                2048, true, 2816);
    }

    public UNetConfig withInChannels(int channels) {
        return new UNetConfig(channels, outChannels, modelChannels, channelMult, numResBlocks, attentionResolutions,
                numHeads, numHeadChannels, transformerDepths, transformerDepthMiddle, contextDim,
                useLinearInTransformer, admInChannels);
    }

    public boolean hasAttentionAt(int ds) {
        return Arrays.stream(attentionResolutions).anyMatch(r -> r == ds);
    }

    /** Transformer blocks in the SpatialTransformers of a level. */
    public int depthAt(int level) {
        return transformerDepths[level];
    }

    /** Heads for a transformer of the given width, following the original code's rule. */
    public int headsFor(int channels) {
        return numHeadChannels > 0 ? channels / numHeadChannels : numHeads;
    }

    @Override
    public int[] channelMult() {
        return channelMult.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UNetConfig c && c.inChannels == inChannels && c.outChannels == outChannels
                && c.modelChannels == modelChannels && Arrays.equals(c.channelMult, channelMult)
                && c.numResBlocks == numResBlocks && Arrays.equals(c.attentionResolutions, attentionResolutions)
                && c.numHeads == numHeads && c.numHeadChannels == numHeadChannels
                && Arrays.equals(c.transformerDepths, transformerDepths)
                && c.transformerDepthMiddle == transformerDepthMiddle && c.contextDim == contextDim
                && c.useLinearInTransformer == useLinearInTransformer && c.admInChannels == admInChannels;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(channelMult) * 31 + modelChannels * 7 + contextDim + inChannels + admInChannels;
    }

    @Override
    public String toString() {
        boolean uniform = Arrays.stream(transformerDepths).allMatch(d -> d == 0 || d == transformerDepthMiddle);
        return "UNetConfig[in=" + inChannels + ", out=" + outChannels + ", channels=" + modelChannels
                + ", mult=" + Arrays.toString(channelMult) + ", resBlocks=" + numResBlocks
                + ", attention=" + Arrays.toString(attentionResolutions)
                + (numHeadChannels > 0 ? ", headChannels=" + numHeadChannels : ", heads=" + numHeads)
                + ", depth=" + (uniform ? Integer.toString(transformerDepthMiddle)
                        : Arrays.toString(transformerDepths) + " middle " + transformerDepthMiddle)
                + ", context=" + contextDim + ", linearProj=" + useLinearInTransformer
                + (admInChannels > 0 ? ", adm=" + admInChannels : "") + "]";
    }
}
