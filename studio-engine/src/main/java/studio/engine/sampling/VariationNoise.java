package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * AUTOMATIC1111's variation-seed blend of two starting noises, kept as it is there so that its
 * "Variation seed" parameters remake the same picture: a spherical interpolation whose norms and
 * dot products run along the latent's height (its {@code dim=1} of a (C, H, W) noise), one angle per
 * channel and column; nearly parallel noises fall back to its linear blend, which weighs the two
 * the other way round (kept too: it is what A1111 computes).
 */
public final class VariationNoise {
    /** A1111's threshold for "nearly parallel". */
    static final double PARALLEL = 0.9995;

    private VariationNoise() {
    }

    /**
     * @param strength the variation strength, 0 to 1
     * @param noise    (1, C, H, W): the seed's noise
     * @param variation (1, C, H, W): the variation seed's noise
     */
    public static NDArray blend(double strength, NDArray noise, NDArray variation) {
        int[] height = {2};
        NDArray lowNorm = noise.div(noise.norm(height, true));
        NDArray highNorm = variation.div(variation.norm(height, true));
        NDArray dot = lowNorm.mul(highNorm).sum(height); // (1, C, W)
        if (dot.mean().getFloat() > PARALLEL) {
            return noise.mul(strength).add(variation.mul(1 - strength));
        }
        NDArray omega = dot.acos();
        NDArray so = omega.sin();
        NDArray a = omega.mul(1 - strength).sin().div(so).expandDims(2);
        NDArray b = omega.mul(strength).sin().div(so).expandDims(2);
        return a.mul(noise).add(b.mul(variation));
    }
}
