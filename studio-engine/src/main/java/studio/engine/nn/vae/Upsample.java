package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** Doubles the resolution: nearest-neighbour, then a 3×3 convolution (key {@code conv}). */
final class Upsample extends Module {
    private final Conv2d conv;

    Upsample(int channels) {
        conv = child("conv", Conv2d.same(channels, channels, 3));
    }

    NDArray forward(NDArray x) {
        // The 4× larger nearest-neighbour copy (256 MiB at 512 px) is freed as soon as the conv has read it.
        return Intermediates.freed(() -> conv.forward(Ops.upsampleNearest2x(x)));
    }
}
