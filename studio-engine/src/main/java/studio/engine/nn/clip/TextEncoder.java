package studio.engine.nn.clip;

import ai.djl.ndarray.NDArray;

/** Token ids → per-token hidden states that the U-Net cross-attends to. */
public interface TextEncoder {
    /**
     * @param ids      (B, T) int64 token ids
     * @param clipSkip 1 = output of the last layer, 2 = the one before, ... (always final-layer-normed)
     * @return (B, T, width)
     */
    NDArray encode(NDArray ids, int clipSkip);

    int width();

    int contextLength();
}
