package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import studio.engine.nn.Conv2d;
import studio.engine.nn.GroupNorm;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** Image → moments (mean and log-variance) of the latent; keys conv_in, down.I.block.J, down.I.downsample, mid.*, norm_out, conv_out. */
final class Encoder extends Module {
    private final Conv2d convIn;
    private final List<List<ResnetBlock>> blocks = new ArrayList<>();
    private final List<Downsample> downsamples = new ArrayList<>();
    private final ResnetBlock midBlock1;
    private final AttnBlock midAttn;
    private final ResnetBlock midBlock2;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    Encoder(VaeConfig c) {
        int[] mult = c.chMult();
        convIn = child("conv_in", Conv2d.same(3, c.ch(), 3));
        int blockIn = c.ch();
        for (int level = 0; level < mult.length; level++) {
            List<ResnetBlock> levelBlocks = new ArrayList<>();
            int blockOut = c.ch() * mult[level];
            for (int j = 0; j < c.numResBlocks(); j++) {
                levelBlocks.add(child("down." + level + ".block." + j, new ResnetBlock(blockIn, blockOut)));
                blockIn = blockOut;
            }
            blocks.add(levelBlocks);
            downsamples.add(level == mult.length - 1 ? null
                    : child("down." + level + ".downsample", new Downsample(blockIn)));
        }
        midBlock1 = child("mid.block_1", new ResnetBlock(blockIn, blockIn));
        midAttn = child("mid.attn_1", new AttnBlock(blockIn));
        midBlock2 = child("mid.block_2", new ResnetBlock(blockIn, blockIn));
        normOut = child("norm_out", new GroupNorm(32, blockIn, 1e-6f));
        convOut = child("conv_out", Conv2d.same(blockIn, 2 * c.zChannels(), 3));
    }

    NDArray forward(NDArray x) {
        NDArray h = convIn.forward(x);
        for (int level = 0; level < blocks.size(); level++) {
            for (ResnetBlock block : blocks.get(level)) {
                h = block.forward(h);
            }
            Downsample down = downsamples.get(level);
            if (down != null) {
                h = down.forward(h);
            }
        }
        h = midBlock2.forward(midAttn.forward(midBlock1.forward(h)));
        return convOut.forward(normOut.forwardSilu(h));
    }
}
