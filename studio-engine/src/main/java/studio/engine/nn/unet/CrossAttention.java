package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Linear;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** Multi-head attention with keys to_q, to_k, to_v (no bias) and to_out.0. Self-attention when context is null. */
final class CrossAttention extends Module {
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;
    private final int heads;

    CrossAttention(int queryDim, int contextDim, int heads, int dimHead) {
        int inner = heads * dimHead;
        toQ = child("to_q", new Linear(queryDim, inner, false));
        toK = child("to_k", new Linear(contextDim, inner, false));
        toV = child("to_v", new Linear(contextDim, inner, false));
        toOut = child("to_out.0", new Linear(inner, queryDim));
        this.heads = heads;
    }

    NDArray forward(NDArray x, NDArray context) {
        NDArray ctx = context == null ? x : context;
        NDArray out = Ops.attention(toQ.forward(x), toK.forward(ctx), toV.forward(ctx), heads, null);
        return toOut.forward(out);
    }
}
