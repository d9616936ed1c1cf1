package studio.engine.nn.clip;

import ai.djl.ndarray.NDArray;

/** Token ids → per-token hidden states that the U-Net cross-attends to. */
public interface TextEncoder {
    /**
     * @param ids      (B, T) int64 token ids
     * @param clipSkip 1 = output of the last layer, 2 = the one before, ... (always final-layer-normed)
     * @return (B, T, width)
     */
    default NDArray encode(NDArray ids, int clipSkip) {
        return encodeEmbeddings(embedTokens(ids), clipSkip);
    }

    /** (B, T) ids → (B, T, width) fp32 rows of the token-embedding table, before position embeddings. */
    NDArray embedTokens(NDArray ids);

    /**
     * As {@link #encode} from token embeddings, so that textual inversion can put its learned vectors in
     * place of some rows first.
     */
    NDArray encodeEmbeddings(NDArray tokenEmbeddings, int clipSkip);

    int width();

    int contextLength();
}
