package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** Nearest 2× upsampling then a 3×3 convolution, key {@code conv}. */
final class Upsample extends Module implements UNetLayer {
    private final Conv2d conv;

    Upsample(int channels) {
        conv = child("conv", Conv2d.same(channels, channels, 3));
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context) {
        return conv.forward(Ops.upsampleNearest2x(x));
    }
}
