package studio.engine.nn.clip;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.LayerNormModule;
import studio.engine.nn.Linear;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/**
 * One layer in Hugging Face naming: self_attn.{q,k,v,out}_proj, layer_norm1/2, mlp.fc1/fc2. OpenCLIP's
 * resblocks (ln_1, attn.in_proj_*, mlp.c_fc, ...) are the same layer, renamed onto these keys by
 * {@code model/OpenClipNames}.
 */
final class ClipEncoderLayer extends Module {
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear outProj;
    private final LayerNormModule norm1;
    private final Linear fc1;
    private final Linear fc2;
    private final LayerNormModule norm2;
    private final int heads;
    private final TextEncoderConfig.Activation activation;

    ClipEncoderLayer(int width, int heads, TextEncoderConfig.Activation activation) {
        qProj = child("self_attn.q_proj", new Linear(width, width));
        kProj = child("self_attn.k_proj", new Linear(width, width));
        vProj = child("self_attn.v_proj", new Linear(width, width));
        outProj = child("self_attn.out_proj", new Linear(width, width));
        norm1 = child("layer_norm1", new LayerNormModule(width));
        fc1 = child("mlp.fc1", new Linear(width, width * 4));
        fc2 = child("mlp.fc2", new Linear(width * 4, width));
        norm2 = child("layer_norm2", new LayerNormModule(width));
        this.heads = heads;
        this.activation = activation;
    }

    NDArray forward(NDArray x, NDArray causalMask) {
        NDArray h = norm1.forward(x);
        h = outProj.forward(Ops.attention(qProj.forward(h), kProj.forward(h), vProj.forward(h), heads, causalMask));
        x = x.add(h);
        NDArray u = fc1.forward(norm2.forward(x));
        u = activation == TextEncoderConfig.Activation.GELU ? Ops.gelu(u) : Ops.quickGelu(u);
        return x.add(fc2.forward(u));
    }
}
