package studio.engine.nn.unet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The encoder half of the LDM {@code UNetModel}: {@code input_blocks} and {@code middle_block}, built
 * from a {@link UNetConfig}. One place for both users: the U-Net itself and the ControlNet, whose
 * encoder is a trainable copy of the U-Net's (cldm.py builds it with the same loop), so a change to
 * the U-Net's layout (per-level transformer depth, say) reaches both.
 */
final class UNetEncoder {
    /** {@code input_blocks.0 ..}: the input convolution, the residual (and attention) blocks, the downsamplers. */
    final List<Stage> inputBlocks = new ArrayList<>();
    final Stage middleBlock;
    /** Output widths of the input blocks, the last one on top: what each output block's skip brings. */
    final Deque<Integer> skipChannels = new ArrayDeque<>();
    /** Width of the middle block. */
    final int channels;
    /** Downsampling factor at the middle block. */
    final int ds;

    UNetEncoder(UNetConfig config) {
        int mc = config.modelChannels();
        int embDim = mc * 4;
        inputBlocks.add(new Stage().add(Conv2dLayer.of(config.inChannels(), mc)));
        skipChannels.push(mc);
        int ch = mc;
        int down = 1;
        int[] mult = config.channelMult();
        for (int level = 0; level < mult.length; level++) {
            for (int r = 0; r < config.numResBlocks(); r++) {
                Stage stage = new Stage().add(new ResBlock(ch, embDim, mult[level] * mc));
                ch = mult[level] * mc;
                if (config.hasAttentionAt(down)) {
                    stage.add(transformer(config, ch, config.depthAt(level)));
                }
                inputBlocks.add(stage);
                skipChannels.push(ch);
            }
            if (level != mult.length - 1) {
                inputBlocks.add(new Stage().add(new Downsample(ch)));
                skipChannels.push(ch);
                down *= 2;
            }
        }
        middleBlock = new Stage()
                .add(new ResBlock(ch, embDim, ch))
                .add(transformer(config, ch, config.transformerDepthMiddle()))
                .add(new ResBlock(ch, embDim, ch));
        channels = ch;
        ds = down;
    }

    static SpatialTransformer transformer(UNetConfig config, int ch, int depth) {
        int heads = config.headsFor(ch);
        return new SpatialTransformer(ch, heads, ch / heads, depth, config.contextDim(),
                config.useLinearInTransformer());
    }
}
