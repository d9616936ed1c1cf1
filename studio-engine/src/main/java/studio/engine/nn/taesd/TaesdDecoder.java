package studio.engine.nn.taesd;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/**
 * TAESD's decoder ({@code Decoder()} of madebyollin/taesd's taesd.py), children named by their index
 * in its {@code nn.Sequential} so the keys are the file's own ({@code 1.weight}, {@code 3.conv.0.weight},
 * …). Index 0 is the clamp {@code tanh(x/3)·3}, 2 a ReLU, 6/11/16 nearest 2× upsamples: no weights,
 * hence gaps in the numbering.
 *
 * <p>Input: the latent as the U-Net sees it (already multiplied by the VAE scale factor; TAESD was
 * trained on that, its own scale factor is 1). Output: RGB roughly in [0, 1], unclamped, 8× larger.
 */
public final class TaesdDecoder extends Module {
    /** Width of every hidden layer of the SD/SDXL tiny autoencoders. */
    static final int WIDTH = 64;
    /** How much larger the image is than the latent: three 2× upsamples. */
    public static final int FACTOR = 8;
    /** Bound of the latent clamp: tanh(x / 3)·3 keeps the decoder's input in (−3, 3). */
    private static final float CLAMP = 3f;

    private final int latentChannels;
    private final Conv2d in;
    private final TaesdBlock[][] stages = new TaesdBlock[4][];
    private final Conv2d[] afterUpsample = new Conv2d[3];
    private final Conv2d out;

    public TaesdDecoder(int latentChannels) {
        this.latentChannels = latentChannels;
        in = child("1", Conv2d.same(latentChannels, WIDTH, 3));
        int index = 3;
        for (int s = 0; s < 4; s++) {
            int blocks = s == 3 ? 1 : 3;
            stages[s] = new TaesdBlock[blocks];
            for (int b = 0; b < blocks; b++) {
                stages[s][b] = child(Integer.toString(index++), new TaesdBlock(WIDTH));
            }
            if (s < 3) {
                index++; // the upsample
                afterUpsample[s] = child(Integer.toString(index++), Conv2d.withoutBias(WIDTH, WIDTH, 3, 1, 1));
            }
        }
        out = child(Integer.toString(index), Conv2d.same(WIDTH, 3, 3));
    }

    public int latentChannels() {
        return latentChannels;
    }

    /**
     * Each layer's input is freed as soon as the next has read it: at the last stage one activation is
     * 64 channels at full size (268 MB at 1024×1024), and held to the end a full-size decode at
     * 1024×1024 kept about 5 GB.
     */
    public NDArray forward(NDArray latent) {
        NDArray h = Intermediates.freed(() -> Activation.relu(in.forward(latent.div(CLAMP).tanh().mul(CLAMP))));
        for (int s = 0; s < 4; s++) {
            for (TaesdBlock block : stages[s]) {
                h = TaesdBlock.consume(h, block::forward);
            }
            if (s < 3) {
                Conv2d conv = afterUpsample[s];
                h = TaesdBlock.consume(h, x -> conv.forward(Ops.upsampleNearest2x(x)));
            }
        }
        return TaesdBlock.consume(h, out::forward);
    }
}
