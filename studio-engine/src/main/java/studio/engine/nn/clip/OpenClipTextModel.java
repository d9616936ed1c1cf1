package studio.engine.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.List;
import studio.engine.nn.LayerNormModule;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;
import studio.engine.nn.Precision;
import studio.engine.nn.Param;

/**
 * OpenCLIP ViT-H/14 text transformer (SD 2.x) in its own key layout: token_embedding,
 * positional_embedding, transformer.resblocks.N.*, ln_final.
 * SD 2 conditions on the penultimate layer, so clip skip 1 here already drops the last resblock
 * (as the original {@code FrozenOpenCLIPEmbedder(layer="penultimate")}).
 */
public final class OpenClipTextModel extends Module implements TextEncoder {
    private final TextEncoderConfig config;
    private final Param tokenEmbedding;
    private final Param positionalEmbedding;
    private final List<OpenClipResidualBlock> blocks = new ArrayList<>();
    private final LayerNormModule lnFinal;

    public OpenClipTextModel(TextEncoderConfig config) {
        this.config = config;
        tokenEmbedding = param("token_embedding.weight", config.vocabSize(), config.width());
        positionalEmbedding = param("positional_embedding", config.contextLength(), config.width());
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(child("transformer.resblocks." + i, new OpenClipResidualBlock(config.width(), config.heads())));
        }
        lnFinal = child("ln_final", new LayerNormModule(config.width()));
        // text_projection and logit_scale are in the file but only serve CLIP's image-text loss; SD never reads them.
    }

    @Override
    public NDArray embedTokens(NDArray ids) {
        // fp32 activations whatever type the table is held in (see Precision)
        return Ops.withLifetimeOf(Precision.toFloat32(
                Embedding.embedding(ids, tokenEmbedding.get(), SparseFormat.DENSE).singletonOrThrow()), ids);
    }

    @Override
    public NDArray encodeEmbeddings(NDArray tokens, int clipSkip) {
        int t = (int) tokens.getShape().get(1);
        NDArray x = tokens.add(Ops.withLifetimeOf(positionalEmbedding.forInput(tokens).get("0:" + t), tokens));
        NDArray mask = Ops.causalMask(tokens.getManager(), t);
        int run = ClipTextModel.layersToRun(config.layers(), clipSkip + 1);
        for (int i = 0; i < run; i++) {
            x = blocks.get(i).forward(x, mask);
        }
        return lnFinal.forward(x);
    }

    @Override
    public int width() {
        return config.width();
    }

    @Override
    public int contextLength() {
        return config.contextLength();
    }

    public TextEncoderConfig config() {
        return config;
    }
}
