package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import studio.engine.nn.Conv2d;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/**
 * Nearest 2× upsampling then a 3×3 convolution, key {@code conv}. When the skip it meets is one row
 * or column short (its side was odd, and the stride-2 downsampling rounded up) the upsampled map is
 * cut to the skip's size before the convolution. That is what diffusers does by interpolating to the
 * skip's size ({@code upsample_size}): nearest from n to 2n−1 picks source ⌊i·n/(2n−1)⌋ = ⌊i/2⌋,
 * the first 2n−1 rows of the 2× map. It lets every model take any multiple of its VAE factor.
 */
final class Upsample extends Module implements UNetLayer {
    private final Conv2d conv;

    Upsample(int channels) {
        conv = child("conv", Conv2d.same(channels, channels, 3));
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context) {
        return forward(x, emb, context, null);
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context, long[] skipSize) {
        NDArray up = Ops.upsampleNearest2x(x);
        if (skipSize != null && (up.getShape().get(2) != skipSize[0] || up.getShape().get(3) != skipSize[1])) {
            up = up.get(new NDIndex(":, :, :{}, :{}", skipSize[0], skipSize[1]));
        }
        return conv.forward(up);
    }
}
