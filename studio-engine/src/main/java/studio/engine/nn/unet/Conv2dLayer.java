package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;

/** The first layer of input_blocks.0: a plain convolution wrapped as a stage layer. */
final class Conv2dLayer extends Module implements UNetLayer {
    private final Conv2d conv;

    private Conv2dLayer(Conv2d conv) {
        this.conv = inline(conv);
    }

    static Conv2dLayer of(int in, int out) {
        return new Conv2dLayer(Conv2d.same(in, out, 3));
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context) {
        return conv.forward(x);
    }
}
