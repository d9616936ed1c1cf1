package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Linear;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;
import studio.engine.nn.Precision;

/**
 * The ControlNet of lllyasviel/ControlNet {@code cldm.py}, keys as in its checkpoints (without the
 * {@code control_model.} prefix): time_embed.{0,2}, input_hint_block.{0,2,..,14}, input_blocks.N.M and
 * middle_block.{0,1,2} (the U-Net's encoder, {@link UNetEncoder}), zero_convs.N.0 and
 * middle_block_out.0. It computes the residuals that {@link UNetModel#forward(NDArray, NDArray, NDArray,
 * List, Runnable)} adds; it is not a second U-Net.
 *
 * <p>The hint block does not see the latent, the timestep or the text, so its output is computed once
 * per hint ({@link #guidedHint}) and reused at every step; cldm.py recomputes it each call with the
 * same result.
 */
public final class ControlNetModel extends Module {
    private final ControlNetConfig config;
    private final Linear timeEmbed0;
    private final Linear timeEmbed2;
    private final List<Conv2d> hintConvs = new ArrayList<>();
    private final List<Stage> inputBlocks = new ArrayList<>();
    private final List<Conv2d> zeroConvs = new ArrayList<>();
    private final Stage middleBlock;
    private final Conv2d middleBlockOut;
    private Precision precision = Precision.FP32;

    public ControlNetModel(ControlNetConfig config) {
        this.config = config;
        UNetConfig unet = config.unet();
        int mc = unet.modelChannels();
        int embDim = mc * 4;
        timeEmbed0 = child("time_embed.0", new Linear(mc, embDim));
        timeEmbed2 = child("time_embed.2", new Linear(embDim, embDim));
        int[] widths = config.hintWidths();
        int in = config.hintChannels();
        for (int i = 0; i < ControlNetConfig.HINT_CONVS; i++) {
            hintConvs.add(child("input_hint_block." + 2 * i,
                    new Conv2d(in, widths[i], 3, ControlNetConfig.hintStride(i), 1)));
            in = widths[i];
        }
        UNetEncoder encoder = new UNetEncoder(unet);
        List<Integer> widthsOut = new ArrayList<>(encoder.skipChannels);
        java.util.Collections.reverse(widthsOut); // skipChannels holds the last block on top
        for (int i = 0; i < encoder.inputBlocks.size(); i++) {
            inputBlocks.add(child("input_blocks." + i, encoder.inputBlocks.get(i)));
            zeroConvs.add(child("zero_convs." + i + ".0", Conv2d.same(widthsOut.get(i), widthsOut.get(i), 1)));
        }
        middleBlock = child("middle_block", encoder.middleBlock);
        middleBlockOut = child("middle_block_out.0", Conv2d.same(encoder.channels, encoder.channels, 1));
        if (widths[ControlNetConfig.HINT_CONVS - 1] != mc) {
            throw new IllegalArgumentException("the hint block must end at the base width " + mc + ", got "
                    + widths[ControlNetConfig.HINT_CONVS - 1]);
        }
    }

    /** Declares the type of the loaded weights, which the activations follow (see {@link Precision}). */
    public void weightsIn(Precision p) {
        this.precision = p;
    }

    public ControlNetConfig config() {
        return config;
    }

    /** Residuals this ControlNet makes: one per input block and one for the middle block. */
    public int residualCount() {
        return inputBlocks.size() + 1;
    }

    /**
     * The hint block: (B, 3, 8h, 8w) hint in [0, 1] → (B, base width, h, w), added to the output of
     * input block 0.
     */
    public NDArray guidedHint(NDArray hint) {
        return Intermediates.freed(() -> {
            NDArray h = hint;
            for (int i = 0; i < hintConvs.size(); i++) {
                NDArray next = hintConvs.get(i).forward(h);
                if (i < hintConvs.size() - 1) {
                    next = Ops.silu(next);
                }
                h = next;
            }
            return precision.activations(h); // kept for every step, in the type the passes compute in
        });
    }

    /**
     * @param x          (B, 4, h, w) the latent as the U-Net pass it steers sees it (scaled, without the
     *                   extra channels of inpainting models)
     * @param guidedHint (1 or B, base width, h, w) from {@link #guidedHint}
     * @param timesteps  (B) as the U-Net gets them
     * @param context    (B, T, D) as the U-Net gets it
     * @return the {@link #residualCount()} residuals, unscaled, in the order the U-Net takes them
     */
    public List<NDArray> forward(NDArray x, NDArray guidedHint, NDArray timesteps, NDArray context,
                                 Runnable betweenBlocks) {
        NDArray emb = Intermediates.freed(() -> precision.activations(timeEmbed2.forward(Ops.silu(timeEmbed0.forward(
                UNetModel.timestepEmbedding(timesteps, config.unet().modelChannels()))))));
        NDArray ctx = precision.activations(context);
        List<NDArray> residuals = new ArrayList<>();
        NDArray h = precision.activations(x);
        for (int i = 0; i < inputBlocks.size(); i++) {
            betweenBlocks.run();
            Stage stage = inputBlocks.get(i);
            NDArray in = h;
            boolean first = i == 0;
            h = Intermediates.freed(() -> {
                NDArray out = stage.forward(in, emb, ctx);
                return first ? out.add(guidedHint) : out;
            });
            if (in != x) {
                in.close();
            }
            NDArray out = h;
            Conv2d zero = zeroConvs.get(i);
            residuals.add(Intermediates.freed(() -> zero.forward(out)));
        }
        betweenBlocks.run();
        NDArray deepest = h;
        h = Intermediates.freed(() -> middleBlock.forward(deepest, emb, ctx));
        if (deepest != x) {
            deepest.close();
        }
        NDArray mid = h;
        residuals.add(Intermediates.freed(() -> middleBlockOut.forward(mid)));
        mid.close();
        emb.close();
        if (ctx != context) {
            ctx.close();
        }
        return residuals; // in the compute type, added to the U-Net's activations of the same type
    }
}
