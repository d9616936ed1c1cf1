package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import studio.engine.nn.Conv2d;
import studio.engine.nn.GroupNorm;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Linear;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;
import studio.engine.nn.Precision;

/**
 * The LDM {@code UNetModel} (openaimodel.py) with its checkpoint key layout: time_embed.{0,2},
 * input_blocks.N.M, middle_block.{0,1,2}, output_blocks.N.M, out.{0,2}. Predicts ε (or v) for a
 * latent at a timestep, cross-attending to the text context.
 */
public final class UNetModel extends Module {
    private final UNetConfig config;
    private final Linear timeEmbed0;
    private final Linear timeEmbed2;
    private final Linear labelEmb0;
    private final Linear labelEmb2;
    private final List<Stage> inputBlocks = new ArrayList<>();
    private final Stage middleBlock;
    private final List<Stage> outputBlocks = new ArrayList<>();
    private final GroupNorm outNorm;
    private final Conv2d outConv;
    private Precision precision = Precision.FP32;

    public UNetModel(UNetConfig config) {
        this.config = config;
        int mc = config.modelChannels();
        int embDim = mc * 4;
        timeEmbed0 = child("time_embed.0", new Linear(mc, embDim));
        timeEmbed2 = child("time_embed.2", new Linear(embDim, embDim));
        // sgm's num_classes "sequential": label_emb = Sequential(Sequential(linear, SiLU, linear))
        labelEmb0 = config.admInChannels() > 0 ? child("label_emb.0.0", new Linear(config.admInChannels(), embDim)) : null;
        labelEmb2 = config.admInChannels() > 0 ? child("label_emb.0.2", new Linear(embDim, embDim)) : null;

        UNetEncoder encoder = new UNetEncoder(config);
        for (Stage stage : encoder.inputBlocks) {
            inputBlocks.add(child("input_blocks." + inputBlocks.size(), stage));
        }
        middleBlock = child("middle_block", encoder.middleBlock);
        Deque<Integer> skipChannels = encoder.skipChannels;
        int ch = encoder.channels;
        int ds = encoder.ds;
        int[] mult = config.channelMult();
        for (int level = mult.length - 1; level >= 0; level--) {
            for (int i = 0; i <= config.numResBlocks(); i++) {
                Stage stage = new Stage().add(new ResBlock(ch + skipChannels.pop(), embDim, mc * mult[level]));
                ch = mc * mult[level];
                if (config.hasAttentionAt(ds)) {
                    stage.add(transformer(ch, config.depthAt(level)));
                }
                if (level > 0 && i == config.numResBlocks()) {
                    stage.add(new Upsample(ch));
                    ds /= 2;
                }
                outputBlocks.add(child("output_blocks." + outputBlocks.size(), stage));
            }
        }
        outNorm = child("out.0", new GroupNorm(32, ch, 1e-5f));
        outConv = child("out.2", Conv2d.same(mc, config.outChannels(), 3));
    }

    private SpatialTransformer transformer(int ch, int depth) {
        return UNetEncoder.transformer(config, ch, depth);
    }

    public UNetConfig config() {
        return config;
    }

    /** Input, middle and output blocks: the points between which a pass can be cancelled. */
    public int blockCount() {
        return inputBlocks.size() + 1 + outputBlocks.size();
    }

    /** The type the weights are held in, which decides the type of the activations (see {@link Precision}). */
    public Precision precision() {
        return precision;
    }

    /** Declares the type of the loaded weights (the loader casts them; this only records it). */
    public void weightsIn(Precision p) {
        this.precision = p;
    }

    /**
     * @param x         (B, inChannels, H, W) latent
     * @param timesteps (B) timesteps (may be fractional)
     * @param context   (B, T, contextDim) text conditioning
     * @return (B, outChannels, H, W)
     */
    public NDArray forward(NDArray x, NDArray timesteps, NDArray context) {
        return forward(x, timesteps, context, null, null, () -> { });
    }

    /**
     * As {@link #forward(NDArray, NDArray, NDArray)}, calling {@code betweenBlocks} before every
     * input, middle and output block: a cancelled generation unwinds from there (a block at 512×512
     * takes a fraction of a second; a whole step takes seconds). Each block's intermediates are freed
     * when it returns, and each activation as soon as the next block has consumed it.
     */
    public NDArray forward(NDArray x, NDArray timesteps, NDArray context, Runnable betweenBlocks) {
        return forward(x, timesteps, context, null, null, betweenBlocks);
    }

    /**
     * As {@link #forward(NDArray, NDArray, NDArray, Runnable)}, with the vector {@code y} (B, admInChannels)
     * that a model with label_emb (SDXL) adds to the timestep embedding; null for the others.
     */
    public NDArray forward(NDArray x, NDArray timesteps, NDArray context, NDArray y, Runnable betweenBlocks) {
        return forward(x, timesteps, context, y, null, betweenBlocks);
    }

    /**
     * The whole pass: SDXL's vector {@code y} (or null) and the residuals of a ControlNet (or null).
     * {@code control} holds one residual per input block plus one for the middle block
     * ({@link #controlCount()}), in that order, each the shape of that block's output; residual k is
     * added to input block k's skip where its output block reads it, the last one to the middle block's
     * output (cldm.py's {@code ControlledUnetModel}).
     */
    public NDArray forward(NDArray x, NDArray timesteps, NDArray context, NDArray y, List<NDArray> control,
                           Runnable betweenBlocks) {
        if ((y != null) != (labelEmb0 != null)) {
            throw new IllegalArgumentException(labelEmb0 != null
                    ? "this U-Net has label_emb and needs its conditioning vector y"
                    : "this U-Net has no label_emb; it takes no conditioning vector y");
        }
        if (control != null && control.size() != controlCount()) {
            throw new IllegalArgumentException("a control needs " + controlCount() + " residuals, got " + control.size());
        }
        return run(x, timesteps, context, y, control, betweenBlocks);
    }

    /** Residuals a control brings: one per input block and one for the middle block (13 for SD). */
    public int controlCount() {
        return inputBlocks.size() + 1;
    }

    private NDArray run(NDArray x, NDArray timesteps, NDArray context, NDArray y, List<NDArray> control,
                        Runnable betweenBlocks) {
        // the embeddings are computed in fp32 (a few kilobytes), then everything in the compute type
        NDArray emb = Intermediates.freed(() -> {
            NDArray e = timeEmbed2.forward(Ops.silu(timeEmbed0.forward(timestepEmbedding(timesteps, config.modelChannels()))));
            return precision.activations(y == null ? e : e.add(labelEmb2.forward(Ops.silu(labelEmb0.forward(y)))));
        });
        NDArray ctx = precision.activations(context);
        Deque<NDArray> skips = new ArrayDeque<>();
        NDArray h = precision.activations(x);
        for (Stage stage : inputBlocks) {
            betweenBlocks.run();
            NDArray in = h;
            h = Intermediates.freed(() -> stage.forward(in, emb, ctx));
            if (in != x && skips.isEmpty()) {
                in.close(); // the input in the compute type, read by the first block only
            }
            skips.push(h); // every input block's output is a skip, closed once its output block used it
        }
        betweenBlocks.run();
        NDArray deepest = h;
        h = Intermediates.freed(() -> middleBlock.forward(deepest, emb, ctx));
        if (control != null) {
            Ops.addInPlace(h, control.get(inputBlocks.size()));
        }
        for (Stage stage : outputBlocks) {
            betweenBlocks.run();
            NDArray skip = skips.pop();
            if (control != null) {
                Ops.addInPlace(skip, control.get(skips.size())); // the skip is read only here: added in place
            }
            NDArray joined = h.concat(skip, 1);
            h.close();
            skip.close();
            long[] next = skips.isEmpty() ? null : new long[] {skips.peek().getShape().get(2), skips.peek().getShape().get(3)};
            h = Intermediates.freed(() -> stage.forward(joined, emb, ctx, next));
            joined.close();
        }
        NDArray last = h;
        NDArray out = Intermediates.freed(() -> outConv.forward(outNorm.forwardSilu(last)));
        last.close();
        emb.close();
        if (ctx != context) {
            ctx.close();
        }
        return Precision.backToFloat32(out); // the sampler works in fp32
    }

    /** Sinusoidal embedding of (B) timesteps: [cos(t·f), sin(t·f)] with f = 10000^(-i/half). */
    public static NDArray timestepEmbedding(NDArray timesteps, int dim) {
        NDManager m = timesteps.getManager();
        int half = dim / 2;
        // Same float32 op order as the reference, so the embedding matches it to the last bit.
        NDArray freqs = m.arange(0f, (float) half, 1f, DataType.FLOAT32).mul((float) -Math.log(10000.0)).div(half).exp();
        NDArray args = timesteps.toType(DataType.FLOAT32, false).expandDims(1).mul(freqs.expandDims(0));
        return NDArrays.concat(new NDList(args.cos(), args.sin()), 1);
    }
}
