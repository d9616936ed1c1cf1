package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * 2-D convolution with keys {@code weight} (out, in, k, k) and {@code bias} (out); {@link #withoutBias}
 * makes one with no {@code bias} key (TAESD's strided and post-upsample convolutions have none).
 */
public final class Conv2d extends Module {
    private final Param weight;
    private final Param bias;
    private final int stride;
    private final int padding;

    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, true);
    }

    private Conv2d(int in, int out, int kernel, int stride, int padding, boolean hasBias) {
        this.weight = param("weight", out, in, kernel, kernel);
        this.bias = hasBias ? param("bias", out) : null;
        this.stride = stride;
        this.padding = padding;
    }

    /** A convolution whose checkpoint has only a {@code weight} (PyTorch's {@code bias=False}). */
    public static Conv2d withoutBias(int in, int out, int kernel, int stride, int padding) {
        return new Conv2d(in, out, kernel, stride, padding, false);
    }

    /** A "same" convolution with stride 1. */
    public static Conv2d same(int in, int out, int kernel) {
        return new Conv2d(in, out, kernel, 1, kernel / 2);
    }

    public NDArray forward(NDArray x) {
        NDArray b = bias == null ? null : bias.forInput(x);
        NDArray out;
        long t;
        if (DnnOps.convServes(x, weight.held())) {
            // oneDNN with the weight held in its blocked layout, packed on the first call
            NDArray w = weight.packed(plain -> DnnOps.packConv(plain, x, stride, padding));
            t = Profile.start();
            out = DnnOps.conv(x, w, b, stride, padding);
        } else {
            NDArray w = weight.forInput(x); // widened first, so the cast is not counted as conv time
            t = Profile.start();
            out = ai.djl.nn.convolutional.Conv2d.conv2d(x, w, b,
                    new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
            weight.release(w); // a widened copy is freed now, not with the block
        }
        Profile.end(Profile.Kind.CONV, t);
        if (b != null) {
            bias.release(b);
        }
        if (t != 0) {
            Shape k = weight.shape(); // (out, in, k, k): 2·in·k² per output element
            Profile.flops(Profile.Kind.CONV, 2.0 * out.getShape().size() * k.get(1) * k.get(2) * k.get(3));
        }
        return out;
    }
}
