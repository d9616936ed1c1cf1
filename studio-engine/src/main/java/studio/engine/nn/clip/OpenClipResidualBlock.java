package studio.engine.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import studio.engine.nn.LayerNormModule;
import studio.engine.nn.Linear;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;
import studio.engine.nn.Param;

/** One OpenCLIP resblock: ln_1, attn (packed in_proj), ln_2, mlp.c_fc / mlp.c_proj with exact GELU. */
final class OpenClipResidualBlock extends Module {
    private final LayerNormModule ln1;
    private final Param inProjWeight;
    private final Param inProjBias;
    private final Linear outProj;
    private final LayerNormModule ln2;
    private final Linear cFc;
    private final Linear cProj;
    private final int heads;

    OpenClipResidualBlock(int width, int heads) {
        ln1 = child("ln_1", new LayerNormModule(width));
        inProjWeight = param("attn.in_proj_weight", 3L * width, width);
        inProjBias = param("attn.in_proj_bias", 3L * width);
        outProj = child("attn.out_proj", new Linear(width, width));
        ln2 = child("ln_2", new LayerNormModule(width));
        cFc = child("mlp.c_fc", new Linear(width, width * 4));
        cProj = child("mlp.c_proj", new Linear(width * 4, width));
        this.heads = heads;
    }

    NDArray forward(NDArray x, NDArray causalMask) {
        NDArray h = ln1.forward(x);
        NDList qkv = ai.djl.nn.core.Linear.linear(h, inProjWeight.forInput(h), inProjBias.forInput(h))
                .singletonOrThrow().split(3, h.getShape().dimension() - 1);
        h = outProj.forward(Ops.attention(qkv.get(0), qkv.get(1), qkv.get(2), heads, causalMask));
        x = x.add(h);
        return x.add(cProj.forward(Ops.gelu(cFc.forward(ln2.forward(x)))));
    }
}
