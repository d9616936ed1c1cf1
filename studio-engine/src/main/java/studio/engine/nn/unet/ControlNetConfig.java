package studio.engine.nn.unet;

import java.util.Arrays;

/**
 * Hyper-parameters of a ControlNet (lllyasviel/ControlNet {@code cldm.py}): its encoder's
 * {@link UNetConfig} (a copy of the U-Net it steers, with {@code outChannels} unused) and its hint
 * block, eight 3×3 convolutions from the RGB hint down to the encoder's base width.
 *
 * @param unet         the encoder's configuration (input_blocks, middle_block)
 * @param hintChannels channels of the hint image (3: RGB)
 * @param hintWidths   output widths of the eight hint convolutions (16, 16, 32, 32, 96, 96, 256, base
 *                     width in every released ControlNet; read from the weights, so narrower test
 *                     models work too)
 */
public record ControlNetConfig(UNetConfig unet, int hintChannels, int[] hintWidths) {
    /** Convolutions in {@code input_hint_block}, at keys 0, 2, ..., 14 (a SiLU between each). */
    public static final int HINT_CONVS = 8;
    /** Pixels of hint per latent pixel: three of the hint convolutions have stride 2. */
    public static final int HINT_FACTOR = 8;

    public ControlNetConfig {
        if (hintWidths.length != HINT_CONVS) {
            throw new IllegalArgumentException("a hint block has " + HINT_CONVS + " convolutions, got "
                    + hintWidths.length + " widths");
        }
        hintWidths = hintWidths.clone();
    }

    /** The stride of hint convolution i: 2 for the third, fifth and seventh (cldm.py), else 1. */
    static int hintStride(int i) {
        return i == 2 || i == 4 || i == 6 ? 2 : 1;
    }

    @Override
    public int[] hintWidths() {
        return hintWidths.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlNetConfig c && c.unet.equals(unet) && c.hintChannels == hintChannels
                && Arrays.equals(c.hintWidths, hintWidths);
    }

    @Override
    public int hashCode() {
        return unet.hashCode() * 31 + Arrays.hashCode(hintWidths);
    }

    @Override
    public String toString() {
        return "ControlNetConfig[" + unet + ", hint=" + hintChannels + "->" + Arrays.toString(hintWidths) + "]";
    }
}
