package studio.engine.nn.unet;

import ai.djl.ndarray.NDArray;

/** One element of a U-Net stage ({@code TimestepEmbedSequential} in the original code). */
interface UNetLayer {
    NDArray forward(NDArray x, NDArray emb, NDArray context);
}
