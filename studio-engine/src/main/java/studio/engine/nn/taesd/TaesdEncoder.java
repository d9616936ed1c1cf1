package studio.engine.nn.taesd;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Module;

/**
 * TAESD's encoder ({@code Encoder()} of madebyollin/taesd's taesd.py), children named by their
 * {@code nn.Sequential} index: 0 a 3×3 convolution, then three times a stride-2 convolution without
 * bias (2, 6, 10) followed by blocks, and 14 the convolution to the latent. Every index holds weights.
 *
 * <p>Input: RGB in [0, 1] (not the VAE's [−1, 1]); output: the latent in U-Net scale, 8× smaller.
 */
public final class TaesdEncoder extends Module {
    private final Conv2d in;
    private final TaesdBlock[][] stages = new TaesdBlock[4][];
    private final Conv2d[] downsample = new Conv2d[3];
    private final Conv2d out;

    public TaesdEncoder(int latentChannels) {
        int w = TaesdDecoder.WIDTH;
        in = child("0", Conv2d.same(3, w, 3));
        int index = 1;
        for (int s = 0; s < 4; s++) {
            if (s > 0) {
                downsample[s - 1] = child(Integer.toString(index++), Conv2d.withoutBias(w, w, 3, 2, 1));
            }
            int blocks = s == 0 ? 1 : 3;
            stages[s] = new TaesdBlock[blocks];
            for (int b = 0; b < blocks; b++) {
                stages[s][b] = child(Integer.toString(index++), new TaesdBlock(w));
            }
        }
        out = child(Integer.toString(index), Conv2d.same(w, latentChannels, 3));
    }

    /** Each layer's input is freed as soon as the next has read it (see {@link TaesdDecoder#forward}). */
    public NDArray forward(NDArray rgb01) {
        NDArray h = Intermediates.freed(() -> in.forward(rgb01));
        for (int s = 0; s < 4; s++) {
            if (s > 0) {
                h = TaesdBlock.consume(h, downsample[s - 1]::forward);
            }
            for (TaesdBlock block : stages[s]) {
                h = TaesdBlock.consume(h, block::forward);
            }
        }
        return TaesdBlock.consume(h, out::forward);
    }
}
