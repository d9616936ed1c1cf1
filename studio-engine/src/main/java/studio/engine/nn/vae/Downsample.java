package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;

/** Halves the resolution: pad right and bottom by one, then a stride-2 3×3 convolution without padding (key {@code conv}). */
final class Downsample extends Module {
    private final Conv2d conv;

    Downsample(int channels) {
        conv = child("conv", new Conv2d(channels, channels, 3, 2, 0));
    }

    NDArray forward(NDArray x) {
        return conv.forward(x.pad(new Shape(0, 1, 0, 1), 0));
    }
}
