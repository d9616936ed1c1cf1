package studio.engine.nn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.List;
import studio.engine.nn.Intermediates;
import studio.engine.nn.LayerNormModule;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;
import studio.engine.nn.Param;
import studio.engine.nn.Precision;

/**
 * The CLIP text transformer in Hugging Face naming: embeddings.{token,position}_embedding,
 * encoder.layers.N.*, final_layer_norm, and (for a pooled output) text_projection.weight, an
 * (projectionDim, width) matrix applied as x·Wᵀ. Causal mask. One class for OpenAI CLIP-L, OpenCLIP-H
 * and OpenCLIP-bigG: {@link TextEncoderConfig} says the activation and which hidden state is returned.
 *
 * <p>The pooled vector (SDXL) is OpenCLIP's: final_layer_norm of the LAST layer at the end-of-text
 * position (the largest id, as open_clip's {@code text.argmax(-1)}), times the projection — whatever
 * layer the hidden states come from.
 */
public final class ClipTextModel extends Module implements TextEncoder {
    private final TextEncoderConfig config;
    private final Param tokenEmbedding;
    private final Param positionEmbedding;
    private final List<ClipEncoderLayer> layers = new ArrayList<>();
    private final LayerNormModule finalLayerNorm;
    private final Param textProjection;

    public ClipTextModel(TextEncoderConfig config) {
        this.config = config;
        tokenEmbedding = param("embeddings.token_embedding.weight", config.vocabSize(), config.width());
        positionEmbedding = param("embeddings.position_embedding.weight", config.contextLength(), config.width());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(child("encoder.layers." + i,
                    new ClipEncoderLayer(config.width(), config.heads(), config.activation())));
        }
        finalLayerNorm = child("final_layer_norm", new LayerNormModule(config.width()));
        textProjection = config.pooled() ? param("text_projection.weight", config.projectionDim(), config.width()) : null;
    }

    @Override
    public NDArray embedTokens(NDArray ids) {
        // fp32 activations whatever type the table is held in (see Precision)
        return Ops.withLifetimeOf(Precision.toFloat32(
                Embedding.embedding(ids, tokenEmbedding.get(), SparseFormat.DENSE).singletonOrThrow()), ids);
    }

    @Override
    public Encoding encodeEmbeddings(NDArray tokens, NDArray ids, int clipSkip) {
        int t = (int) tokens.getShape().get(1);
        NDArray x = tokens.add(Ops.withLifetimeOf(positionEmbedding.forInput(tokens).get("0:" + t), tokens));
        NDArray mask = Ops.causalMask(ids.getManager(), t);
        TextEncoderConfig.Output output = config.output();
        int run = output.layersToRun(config.layers(), clipSkip);
        // The pooled vector needs the last layer even when the hidden states stop earlier.
        int total = textProjection == null ? run : config.layers();
        NDArray hidden = null;
        for (int i = 0; i < total; i++) {
            ClipEncoderLayer layer = layers.get(i);
            NDArray in = x;
            x = Intermediates.freed(() -> layer.forward(in, mask));
            if (in != hidden) {
                in.close();
            }
            if (i + 1 == run) {
                hidden = output.normed() ? finalLayerNorm.forward(x) : x;
            }
        }
        if (textProjection == null) {
            return new Encoding(hidden, null);
        }
        NDArray last = finalLayerNorm.forward(x);
        NDList rows = new NDList();
        long[] all = ids.toLongArray();
        for (int b = 0; b < ids.getShape().get(0); b++) {
            rows.add(last.get(new NDIndex("{}, {}", b, endOfText(all, b * t, t))).expandDims(0));
        }
        NDArray pooledIn = NDArrays.concat(rows, 0);
        NDArray w = textProjection.forInput(pooledIn);
        NDArray pooled = pooledIn.matMul(w.transpose());
        textProjection.release(w);
        return new Encoding(hidden, pooled);
    }

    /** The first position of the largest id in a row (open_clip's text.argmax(-1): the end-of-text token). */
    private static int endOfText(long[] ids, int from, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (ids[from + i] > ids[from + best]) {
                best = i;
            }
        }
        return best;
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
