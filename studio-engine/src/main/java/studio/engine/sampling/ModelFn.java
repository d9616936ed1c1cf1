package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * The diffusion network as the samplers see it: the raw U-Net output (ε or v) for a batch of
 * VP-scaled latents at (fractional) discrete timesteps, given text context.
 */
@FunctionalInterface
public interface ModelFn {
    /**
     * @param x         (B, C, H, W) latents, already scaled by c_in
     * @param timesteps (B) float timesteps in [0, 999]
     * @param context   (B, T, D) text conditioning
     * @return (B, 4, H, W) the network's prediction
     */
    NDArray apply(NDArray x, NDArray timesteps, NDArray context);

    /** As {@link #apply(NDArray, NDArray, NDArray)} with full conditioning; networks that take SDXL's vector override it. */
    default NDArray apply(NDArray x, NDArray timesteps, Conditioning c) {
        if (c.vector() != null) {
            throw new IllegalArgumentException("this network takes no conditioning vector");
        }
        return apply(x, timesteps, c.context());
    }

    /**
     * As {@link #apply(NDArray, NDArray, Conditioning)}, told which rows are the prompt's and which the
     * negative prompt's; a plain network does not care, an adapter such as a ControlNet may.
     */
    default NDArray apply(NDArray x, NDArray timesteps, Conditioning c, BatchRows rows) {
        return apply(x, timesteps, c);
    }
}
