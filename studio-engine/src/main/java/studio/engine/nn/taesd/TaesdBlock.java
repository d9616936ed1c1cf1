package studio.engine.nn.taesd;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

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

    /** layer(h) with layer's temporaries freed on return, and h freed once read (it is the previous layer's output). */
    static NDArray consume(NDArray h, java.util.function.UnaryOperator<NDArray> layer) {
        NDArray out = Intermediates.freed(() -> layer.apply(h));
        h.close();
        return out;
    }

    /** Each temporary is closed once read, so a block holds at most three full-size activations. */
    NDArray forward(NDArray x) {
        NDArray h = relu(conv0.forward(x));
        h = relu(conv2.forward(h));
        NDArray sum = conv4.forward(h);
        h.close();
        return relu(Ops.addInPlace(sum, x));
    }

    /** relu(x), x closed: TAESD is inference only here, nothing records gradients through it. */
    private static NDArray relu(NDArray x) {
        NDArray out = Activation.relu(x);
        x.close();
        return out;
    }
}
