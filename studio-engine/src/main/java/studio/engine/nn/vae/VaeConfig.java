package studio.engine.nn.vae;

import java.util.Arrays;

/**
 * Hyper-parameters of the LDM {@code AutoencoderKL} ({@code ddconfig} in the original yaml).
 *
 * @param ch           base width (SD: 128)
 * @param chMult       width multiplier per level (SD: 1, 2, 4, 4: an 8× autoencoder)
 * @param numResBlocks ResnetBlocks per encoder level (decoder has one more)
 * @param zChannels    latent channels (SD: 4)
 * @param embedDim     channels after quant_conv (SD: 4)
 * @param scaleFactor  multiplies latents before diffusion (SD: 0.18215)
 */
public record VaeConfig(int ch, int[] chMult, int numResBlocks, int zChannels, int embedDim, float scaleFactor) {

    public static VaeConfig sd() {
        return new VaeConfig(128, new int[] {1, 2, 4, 4}, 2, 4, 4, 0.18215f);
    }

    /** Pixels per latent along a side: 2^(levels−1). */
    public int downsamplingFactor() {
        return 1 << (chMult.length - 1);
    }

    public VaeConfig withScaleFactor(float factor) {
        return new VaeConfig(ch, chMult, numResBlocks, zChannels, embedDim, factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeConfig c && c.ch == ch && Arrays.equals(c.chMult, chMult)
                && c.numResBlocks == numResBlocks && c.zChannels == zChannels && c.embedDim == embedDim
                && Float.compare(c.scaleFactor, scaleFactor) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chMult) * 31 + ch * 7 + zChannels;
    }

    @Override
    public String toString() {
        return "VaeConfig[ch=" + ch + ", mult=" + Arrays.toString(chMult) + ", resBlocks=" + numResBlocks
                + ", z=" + zChannels + ", embed=" + embedDim + ", scale=" + scaleFactor + "]";
    }
}
