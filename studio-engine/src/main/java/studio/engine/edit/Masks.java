package studio.engine.edit;

import studio.engine.image.GrayImage;

/** Mask operations in pixel space: feathering, bounds, inversion, resampling. */
public final class Masks {
    private Masks() {
    }

    /**
     * Feathers a mask with a Gaussian blur of the given radius (σ = radius / 2, as a "mask blur" of N px
     * softens about N px on each side of the edge). Radius 0 returns the mask unchanged.
     */
    public static GrayImage blur(GrayImage mask, int radius) {
        if (radius <= 0) {
            return mask;
        }
        double sigma = radius / 2.0;
        int half = (int) Math.ceil(sigma * 3);
        float[] kernel = new float[2 * half + 1];
        double sum = 0;
        for (int i = -half; i <= half; i++) {
            kernel[i + half] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += kernel[i + half];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        int w = mask.width();
        int h = mask.height();
        float[] tmp = pass(mask.values(), w, h, kernel, true);
        float[] dst = pass(tmp, w, h, kernel, false);
        for (int i = 0; i < dst.length; i++) {
            // Values below one 8-bit step are exactly zero, so "outside the blurred mask" is well defined.
            dst[i] = dst[i] < 0.5f / 255f ? 0f : Math.min(1f, dst[i]);
        }
        return new GrayImage(w, h, dst);
    }

    /** One 1-D pass of the separable blur, along rows or columns, with the edge pixels repeated. */
    private static float[] pass(float[] src, int w, int h, float[] kernel, boolean alongRows) {
        int half = kernel.length / 2;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int k = -half; k <= half; k++) {
                    int at = alongRows ? y * w + Math.min(w - 1, Math.max(0, x + k))
                            : Math.min(h - 1, Math.max(0, y + k)) * w + x;
                    acc += kernel[k + half] * src[at];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }

    public static GrayImage invert(GrayImage mask) {
        float[] v = mask.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = 1f - v[i];
        }
        return new GrayImage(mask.width(), mask.height(), v);
    }

    /** The smallest box holding every non-zero pixel, or null for an empty mask. */
    public static Box bounds(GrayImage mask) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.value(x, y) > 0f) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /**
     * Averages a mask over f×f blocks: the mask at latent resolution, for blending latents.
     * Returns (h/f)·(w/f) values, row-major.
     */
    public static float[] toLatent(GrayImage mask, int f) {
        int lw = mask.width() / f;
        int lh = mask.height() / f;
        float[] out = new float[lw * lh];
        for (int y = 0; y < lh; y++) {
            for (int x = 0; x < lw; x++) {
                float acc = 0;
                for (int dy = 0; dy < f; dy++) {
                    for (int dx = 0; dx < f; dx++) {
                        acc += mask.value(x * f + dx, y * f + dy);
                    }
                }
                out[y * lw + x] = acc / (f * f);
            }
        }
        return out;
    }
}
