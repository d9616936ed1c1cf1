package studio.engine.io;

/**
 * Separable bicubic resampling (Keys kernel, a = -0.5). When shrinking, the kernel is stretched
 * by the scale factor so every source pixel contributes, the same anti-aliased behaviour as
 * Pillow's {@code resize(BICUBIC)}; without that, downscaling skips pixels and aliases.
 */
final class Resampling {
    private static final double A = -0.5;

    private Resampling() {
    }

    /**
     * A {@code sw x sh} plane (row-major) resampled to {@code dw x dh}. The intermediate result is
     * clamped to [{@code min}, {@code max}] between the passes, as Pillow does by storing it in the
     * image's own range; this keeps the overshoot at hard edges from compounding in the second pass.
     */
    static float[] resize(float[] src, int sw, int sh, int dw, int dh, float min, float max) {
        Weights horizontal = Weights.of(sw, dw);
        Weights vertical = Weights.of(sh, dh);
        float[] rows = new float[dw * sh];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < dw; x++) {
                rows[y * dw + x] = Math.max(min, Math.min(max, horizontal.apply(src, y * sw, 1, x)));
            }
        }
        float[] out = new float[dw * dh];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                out[y * dw + x] = vertical.apply(rows, x, dw, y);
            }
        }
        return out;
    }

    private static double cubic(double x) {
        double t = Math.abs(x);
        if (t < 1) {
            return ((A + 2) * t - (A + 3)) * t * t + 1;
        }
        if (t < 2) {
            return (((t - 5) * t + 8) * t - 4) * A;
        }
        return 0;
    }

    /** For each output index: the first source index and the normalised weights of its window. */
    private record Weights(int[] first, float[][] weights) {
        static Weights of(int in, int out) {
            double scale = (double) in / out;
            double stretch = Math.max(1.0, scale);
            double support = 2.0 * stretch;
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in, (int) Math.ceil(centre + support));
                double[] w = new double[hi - lo];
                double sum = 0;
                for (int j = lo; j < hi; j++) {
                    w[j - lo] = cubic((j + 0.5 - centre) / stretch);
                    sum += w[j - lo];
                }
                float[] normalised = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    normalised[k] = (float) (w[k] / sum);
                }
                first[i] = lo;
                weights[i] = normalised;
            }
            return new Weights(first, weights);
        }

        /** The weighted sum for output {@code i}, reading src[base + (first + k) * stride]. */
        float apply(float[] src, int base, int stride, int i) {
            float[] w = weights[i];
            int at = base + first[i] * stride;
            float sum = 0;
            for (int k = 0; k < w.length; k++, at += stride) {
                sum += w[k] * src[at];
            }
            return sum;
        }
    }
}
