package studio.engine.nn.taesd;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;

/**
 * TAESD's residual block: {@code relu(conv(x) + x)} with {@code conv} = 3×3, ReLU, 3×3, ReLU, 3×3
 * (keys {@code conv.0}, {@code conv.2}, {@code conv.4}; the ReLUs at 1 and 3 hold no weights). Every
 * block of the SD/SDXL tiny autoencoders keeps its width, so the {@code skip} of taesd.py is the
 * identity and has no key.
 */
final class TaesdBlock extends Module {
    private final Conv2d conv0;
    private final Conv2d conv2;
    private final Conv2d conv4;

    TaesdBlock(int channels) {
        conv0 = child("conv.0", Conv2d.same(channels, channels, 3));
        conv2 = child("conv.2", Conv2d.same(channels, channels, 3));
        conv4 = child("conv.4", Conv2d.same(channels, channels, 3));
    }

    NDArray forward(NDArray x) {
        NDArray h = Activation.relu(conv0.forward(x));
        h = Activation.relu(conv2.forward(h));
        return Activation.relu(conv4.forward(h).add(x));
    }
}
