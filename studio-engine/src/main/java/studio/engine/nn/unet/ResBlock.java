package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.GroupNorm;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Linear;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** U-Net residual block with timestep embedding; keys in_layers.{0,2}, emb_layers.1, out_layers.{0,3}, skip_connection. */
final class ResBlock extends Module implements UNetLayer {
    private final GroupNorm inNorm;
    private final Conv2d inConv;
    private final Linear embLinear;
    private final GroupNorm outNorm;
    private final Conv2d outConv;
    private final Conv2d skip;

    ResBlock(int in, int embDim, int out) {
        inNorm = child("in_layers.0", new GroupNorm(32, in, 1e-5f));
        inConv = child("in_layers.2", Conv2d.same(in, out, 3));
        embLinear = child("emb_layers.1", new Linear(embDim, out));
        outNorm = child("out_layers.0", new GroupNorm(32, out, 1e-5f));
        outConv = child("out_layers.3", Conv2d.same(out, out, 3));
        skip = in == out ? null : child("skip_connection", Conv2d.same(in, out, 1));
    }

    @Override
    public NDArray forward(NDArray x, NDArray emb, NDArray context) {
        // Each activation is closed as soon as the next op has read it; adds are in place.
        return Intermediates.freed(() -> {
            NDArray a = inNorm.forwardSilu(x);
            NDArray h = inConv.forward(a);
            a.close();
            NDArray e = embLinear.forward(Ops.silu(emb));
            Ops.addInPlace(h, e.expandDims(2).expandDims(3));
            a = outNorm.forwardSilu(h);
            h.close();
            h = outConv.forward(a);
            a.close();
            return Ops.addInPlace(h, skip == null ? x : skip.forward(x));
        });
    }
}
