package studio.engine.nn.clip;

import ai.djl.ndarray.NDArray;

/** Token ids → per-token hidden states that the U-Net cross-attends to (and, for SDXL, a pooled vector). */
public interface TextEncoder {
    /**
     * @param ids      (B, T) int64 token ids
     * @param clipSkip 1 = the model's usual layer, 2 = the one before, ... (see {@link TextEncoderConfig.Output})
     * @return (B, T, width)
     */
    default NDArray encode(NDArray ids, int clipSkip) {
        return encodeWithPooled(ids, clipSkip).hidden();
    }

    /** As {@link #encode}, with the pooled vector when the model has one (else null), in one pass. */
    default Encoding encodeWithPooled(NDArray ids, int clipSkip) {
        return encodeEmbeddings(embedTokens(ids), ids, clipSkip);
    }

    /** (B, T) ids → (B, T, width) fp32 rows of the token-embedding table, before position embeddings. */
    NDArray embedTokens(NDArray ids);

    /**
     * As {@link #encodeWithPooled} from token embeddings, so that textual inversion can put its learned
     * vectors in place of some rows first; {@code ids} locate the end-of-text token for the pooled vector.
     */
    Encoding encodeEmbeddings(NDArray tokenEmbeddings, NDArray ids, int clipSkip);

    int width();

    int contextLength();

    /**
     * @param hidden (B, T, width) the states the U-Net sees
     * @param pooled (B, projectionDim) the pooled text embedding, or null
     */
    record Encoding(NDArray hidden, NDArray pooled) {
    }
}
