package studio.engine.nn.unet;

import java.util.Arrays;

/**
 * Hyper-parameters of the LDM {@code UNetModel}, named as in the original configs.
 *
 * @param inChannels             4, or 9 for inpainting checkpoints (latent + mask + masked-image latent)
 * @param outChannels            4
 * @param modelChannels          base width (SD: 320)
 * @param channelMult            width multiplier per level (SD: 1, 2, 4, 4)
 * @param numResBlocks           ResBlocks per level (SD: 2)
 * @param attentionResolutions   downsampling factors with a SpatialTransformer (SD: 1, 2, 4)
 * @param numHeads               heads, or -1 when {@code numHeadChannels} fixes the head width (SD1: 8)
 * @param numHeadChannels        channels per head, or -1 (SD2: 64)
 * @param transformerDepth       transformer blocks per SpatialTransformer (SD: 1)
 * @param contextDim             text-context width (SD1: 768, SD2: 1024)
 * @param useLinearInTransformer linear proj_in/proj_out (SD2) instead of 1×1 convolutions (SD1)
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
        int transformerDepth,
        int contextDim,
        boolean useLinearInTransformer) {

    public UNetConfig {
        channelMult = channelMult.clone();
        attentionResolutions = Arrays.stream(attentionResolutions).sorted().distinct().toArray();
    }

    public static UNetConfig sd15() {
        return new UNetConfig(4, 4, 320, new int[] {1, 2, 4, 4}, 2, new int[] {4, 2, 1}, 8, -1, 1, 768, false);
    }

    public static UNetConfig sd21() {
        return new UNetConfig(4, 4, 320, new int[] {1, 2, 4, 4}, 2, new int[] {4, 2, 1}, -1, 64, 1, 1024, true);
    }

    public UNetConfig withInChannels(int channels) {
        return new UNetConfig(channels, outChannels, modelChannels, channelMult, numResBlocks, attentionResolutions,
                numHeads, numHeadChannels, transformerDepth, contextDim, useLinearInTransformer);
    }

    public boolean hasAttentionAt(int ds) {
        return Arrays.stream(attentionResolutions).anyMatch(r -> r == ds);
    }

    /** Heads for a transformer of the given width, following the original code's rule. */
    public int headsFor(int channels) {
        return numHeadChannels > 0 ? channels / numHeadChannels : numHeads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UNetConfig c && c.inChannels == inChannels && c.outChannels == outChannels
                && c.modelChannels == modelChannels && Arrays.equals(c.channelMult, channelMult)
                && c.numResBlocks == numResBlocks && Arrays.equals(c.attentionResolutions, attentionResolutions)
                && c.numHeads == numHeads && c.numHeadChannels == numHeadChannels
                && c.transformerDepth == transformerDepth && c.contextDim == contextDim
                && c.useLinearInTransformer == useLinearInTransformer;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(channelMult) * 31 + modelChannels * 7 + contextDim + inChannels;
    }

    @Override
    public String toString() {
        return "UNetConfig[in=" + inChannels + ", out=" + outChannels + ", channels=" + modelChannels
                + ", mult=" + Arrays.toString(channelMult) + ", resBlocks=" + numResBlocks
                + ", attention=" + Arrays.toString(attentionResolutions)
                + (numHeadChannels > 0 ? ", headChannels=" + numHeadChannels : ", heads=" + numHeads)
                + ", depth=" + transformerDepth + ", context=" + contextDim
                + ", linearProj=" + useLinearInTransformer + "]";
    }
}
