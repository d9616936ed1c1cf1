package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;

/** Stride-2 3×3 convolution, key {@code op}. */
final class Downsample extends Module implements UNetLayer {
    private final Conv2d op;

    Downsample(int channels) {
        op = child("op", new Conv2d(channels, channels, 3, 2, 1));
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context) {
        return op.forward(x);
    }
}
