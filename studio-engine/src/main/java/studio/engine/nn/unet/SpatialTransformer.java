package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import studio.engine.nn.Conv2d;
import studio.engine.nn.GroupNorm;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Linear;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/**
 * Transformer over the pixels of a feature map, conditioned on text. SD1 projects in and out with
 * 1×1 convolutions, SD2 with linear layers ({@code use_linear_in_transformer}); same keys.
 */
final class SpatialTransformer extends Module implements UNetLayer {
    private final GroupNorm norm;
    private final Conv2d projInConv;
    private final Linear projInLinear;
    private final List<BasicTransformerBlock> blocks = new ArrayList<>();
    private final Conv2d projOutConv;
    private final Linear projOutLinear;

    SpatialTransformer(int channels, int heads, int dimHead, int depth, int contextDim, boolean linear) {
        int inner = heads * dimHead;
        norm = child("norm", new GroupNorm(32, channels, 1e-6f));
        projInConv = linear ? null : child("proj_in", Conv2d.same(channels, inner, 1));
        projInLinear = linear ? child("proj_in", new Linear(channels, inner)) : null;
        for (int i = 0; i < depth; i++) {
            blocks.add(child("transformer_blocks." + i, new BasicTransformerBlock(inner, heads, dimHead, contextDim)));
        }
        projOutConv = linear ? null : child("proj_out", Conv2d.same(inner, channels, 1));
        projOutLinear = linear ? child("proj_out", new Linear(inner, channels)) : null;
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context) {
        return Intermediates.freed(() -> transform(x, context));
    }

    private NDArray transform(NDArray x, NDArray context) {
        Shape s = x.getShape();
        long b = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray t = norm.forward(x);
        if (projInConv != null) {
            t = projInConv.forward(t);
        }
        long c = t.getShape().get(1);
        t = t.reshape(b, c, h * w).transpose(0, 2, 1);
        if (projInLinear != null) {
            t = projInLinear.forward(t);
        }
        for (BasicTransformerBlock block : blocks) {
            NDArray next = block.forward(t, context);
            t.close();
            t = next;
        }
        if (projOutLinear != null) {
            t = projOutLinear.forward(t);
        }
        t = t.transpose(0, 2, 1).reshape(b, t.getShape().get(2), h, w);
        if (projOutConv != null) {
            t = projOutConv.forward(t);
        }
        return Ops.addInPlace(t, x); // into the projection's fresh output, as the blocks' residuals
    }
}
