package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import studio.engine.nn.Module;

/** A numbered sequence of layers ({@code input_blocks.N}, {@code output_blocks.N}, {@code middle_block}). */
final class Stage extends Module implements UNetLayer {
    private final List<UNetLayer> layers = new ArrayList<>();

    <L extends Module & UNetLayer> Stage add(L layer) {
        layers.add(child(String.valueOf(layers.size()), layer));
        return this;
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context) {
        return forward(x, emb, context, null);
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context, long[] skipSize) {
        NDArray in = x;
        for (UNetLayer layer : layers) {
            NDArray next = layer.forward(x, emb, context, skipSize);
            if (x != in) {
                x.close(); // consumed: free it now rather than at the end of the step
            }
            x = next;
        }
        return x;
    }
}
