package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import studio.engine.nn.Conv2d;
import studio.engine.nn.GroupNorm;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** Single-head self-attention over pixels with 1×1 convolutions q, k, v, proj_out (the mid-block attention). */
final class AttnBlock extends Module {
    private final GroupNorm norm;
    private final Conv2d q;
    private final Conv2d k;
    private final Conv2d v;
    private final Conv2d projOut;

    AttnBlock(int channels) {
        norm = child("norm", new GroupNorm(32, channels, 1e-6f));
        q = child("q", Conv2d.same(channels, channels, 1));
        k = child("k", Conv2d.same(channels, channels, 1));
        v = child("v", Conv2d.same(channels, channels, 1));
        projOut = child("proj_out", Conv2d.same(channels, channels, 1));
    }

    NDArray forward(NDArray x) {
        return Intermediates.freed(() -> attend(x));
    }

    private NDArray attend(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long hw = s.get(2) * s.get(3);
        NDArray h = norm.forward(x);
        NDArray qt = tokens(q.forward(h), b, c, hw);
        NDArray kt = tokens(k.forward(h), b, c, hw);
        NDArray vt = tokens(v.forward(h), b, c, hw);
        NDArray out = Ops.attention(qt, kt, vt, 1, null).transpose(0, 2, 1).reshape(s);
        return x.add(projOut.forward(out));
    }

    private static NDArray tokens(NDArray map, long b, long c, long hw) {
        return map.reshape(b, c, hw).transpose(0, 2, 1);
    }
}
