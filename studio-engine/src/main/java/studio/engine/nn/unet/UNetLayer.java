package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;

/** One element of a U-Net stage ({@code TimestepEmbedSequential} in the original code). */
interface UNetLayer {
    NDArray forward(NDArray x, NDArray emb, NDArray context);

    /**
     * As {@link #forward(NDArray, NDArray, NDArray)}, told the spatial size {@code (H, W)} of the skip
     * the result will be concatenated with; only {@link Upsample} needs it.
     */
    default NDArray forward(NDArray x, NDArray emb, NDArray context, long[] skipSize) {
        return forward(x, emb, context);
    }
}
