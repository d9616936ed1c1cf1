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
 * OpenAI CLIP's text transformer (SD 1.x) in Hugging Face naming: embeddings.{token,position}_embedding,
 * encoder.layers.N.*, final_layer_norm. Causal mask, quick GELU; output is the last (or, with clip
 * skip, an earlier) hidden state after the final layer norm, as AUTOMATIC1111 does.
 */
public final class ClipTextModel extends Module implements TextEncoder {
    private final TextEncoderConfig config;
    private final Param tokenEmbedding;
    private final Param positionEmbedding;
    private final List<ClipEncoderLayer> layers = new ArrayList<>();
    private final LayerNormModule finalLayerNorm;

    public ClipTextModel(TextEncoderConfig config) {
        this.config = config;
        tokenEmbedding = param("embeddings.token_embedding.weight", config.vocabSize(), config.width());
        positionEmbedding = param("embeddings.position_embedding.weight", config.contextLength(), config.width());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(child("encoder.layers." + i, new ClipEncoderLayer(config.width(), config.heads())));
        }
        finalLayerNorm = child("final_layer_norm", new LayerNormModule(config.width()));
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
        NDArray x = tokens.add(Ops.withLifetimeOf(positionEmbedding.forInput(tokens).get("0:" + t), tokens));
        NDArray mask = Ops.causalMask(tokens.getManager(), t);
        int run = layersToRun(config.layers(), clipSkip);
        for (int i = 0; i < run; i++) {
            x = layers.get(i).forward(x, mask);
        }
        return finalLayerNorm.forward(x);
    }

    static int layersToRun(int layers, int clipSkip) {
        return Math.max(1, layers - Math.max(0, clipSkip - 1));
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
