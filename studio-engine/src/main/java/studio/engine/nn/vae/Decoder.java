package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import studio.engine.nn.Conv2d;
import studio.engine.nn.GroupNorm;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** Latent → image; keys conv_in, mid.*, up.I.block.J (one more block per level than the encoder), up.I.upsample.conv, norm_out, conv_out. */
final class Decoder extends Module {
    private final Conv2d convIn;
    private final ResnetBlock midBlock1;
    private final AttnBlock midAttn;
    private final ResnetBlock midBlock2;
    /** Indexed by level; run from the deepest level up. */
    private final List<List<ResnetBlock>> blocks = new ArrayList<>();
    private final List<Upsample> upsamples = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    Decoder(VaeConfig c) {
        int[] mult = c.chMult();
        int blockIn = c.ch() * mult[mult.length - 1];
        convIn = child("conv_in", Conv2d.same(c.zChannels(), blockIn, 3));
        midBlock1 = child("mid.block_1", new ResnetBlock(blockIn, blockIn));
        midAttn = child("mid.attn_1", new AttnBlock(blockIn));
        midBlock2 = child("mid.block_2", new ResnetBlock(blockIn, blockIn));
        for (int level = 0; level < mult.length; level++) {
            blocks.add(null);
            upsamples.add(null);
        }
        for (int level = mult.length - 1; level >= 0; level--) {
            int blockOut = c.ch() * mult[level];
            List<ResnetBlock> levelBlocks = new ArrayList<>();
            for (int j = 0; j <= c.numResBlocks(); j++) {
                levelBlocks.add(child("up." + level + ".block." + j, new ResnetBlock(blockIn, blockOut)));
                blockIn = blockOut;
            }
            blocks.set(level, levelBlocks);
            if (level != 0) {
                upsamples.set(level, child("up." + level + ".upsample", new Upsample(blockIn)));
            }
        }
        normOut = child("norm_out", new GroupNorm(32, blockIn, 1e-6f));
        convOut = child("conv_out", Conv2d.same(blockIn, 3, 3));
    }

    NDArray forward(NDArray z) {
        // Each activation is closed as soon as the next block has read it: at 512×512 one is 128 MiB.
        NDArray h = convIn.forward(z);
        h = consumed(h, midBlock1.forward(h));
        h = consumed(h, midAttn.forward(h));
        h = consumed(h, midBlock2.forward(h));
        for (int level = blocks.size() - 1; level >= 0; level--) {
            for (ResnetBlock block : blocks.get(level)) {
                h = consumed(h, block.forward(h));
            }
            Upsample up = upsamples.get(level);
            if (up != null) {
                h = consumed(h, up.forward(h));
            }
        }
        NDArray last = h;
        return consumed(h, Intermediates.freed(() -> convOut.forward(normOut.forwardSilu(last))));
    }

    private static NDArray consumed(NDArray input, NDArray output) {
        input.close();
        return output;
    }
}
