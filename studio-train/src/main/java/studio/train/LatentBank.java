package studio.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import studio.engine.nn.vae.AutoencoderKL;

/**
 * The training pictures encoded once by the frozen autoencoder (stage 2 never changes it): the
 * posterior mean and standard deviation of each, from which every step draws a fresh latent sample,
 * as the LDM recipe does, at the cost of one multiply-add instead of an encoder pass.
 */
public final class LatentBank {
    private final float[][] means;
    private final float[][] stds;
    private final long[] shape; // (C, h, w)

    private LatentBank(float[][] means, float[][] stds, long[] shape) {
        this.means = means;
        this.stds = stds;
        this.shape = shape;
    }

    public static LatentBank encode(AutoencoderKL vae, ImageBank images, NDManager manager, int batch) {
        int count = images.count();
        float[][] means = new float[count][];
        float[][] stds = new float[count][];
        long[] shape = null;
        for (int[] idx : images.batches(batch)) {
            int start = idx[0];
            int n = idx.length;
            try (NDScope scope = new NDScope()) {
                NDList parts = vae.moments(images.batch(manager, idx)).split(2, 1);
                NDArray mean = parts.get(0);
                NDArray std = parts.get(1).clip(-30f, 20f).mul(0.5f).exp();
                Shape s = mean.getShape();
                shape = new long[] {s.get(1), s.get(2), s.get(3)};
                int per = (int) (s.size() / n);
                float[] m = mean.toFloatArray();
                float[] d = std.toFloatArray();
                for (int i = 0; i < n; i++) {
                    means[start + i] = java.util.Arrays.copyOfRange(m, i * per, (i + 1) * per);
                    stds[start + i] = java.util.Arrays.copyOfRange(d, i * per, (i + 1) * per);
                }
            }
        }
        return new LatentBank(means, stds, shape);
    }

    /** For tests: a bank of given posterior means and standard deviations, each of {@code shape} (C, h, w). */
    static LatentBank of(float[][] means, float[][] stds, long[] shape) {
        return new LatentBank(means.clone(), stds.clone(), shape.clone());
    }

    public int count() {
        return means.length;
    }

    public long[] latentShape() {
        return shape.clone();
    }

    /**
     * The factor that brings sampled latents to unit standard deviation over the whole set (SD's
     * 0.18215 was measured the same way on its data).
     */
    public float unitVarianceScale(long seed) {
        Random random = new Random(seed);
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int i = 0; i < means.length; i++) {
            for (int j = 0; j < means[i].length; j++) {
                double v = means[i][j] + stds[i][j] * random.nextGaussian();
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sq / n - mean * mean);
        return (float) (1.0 / std);
    }

    /** Fresh posterior samples for the pictures at the indices, times {@code scale}: (B, C, h, w). */
    public NDArray sample(NDManager manager, int[] indices, float scale) {
        return sample(manager, indices, new boolean[indices.length], scale);
    }

    /**
     * As {@link #sample(NDManager, int[], float)}, mirrored left to right where {@code mirror} says. The
     * autoencoder is convolutional, so the mirror of a latent stands for the mirrored picture.
     */
    public NDArray sample(NDManager manager, int[] indices, boolean[] mirror, float scale) {
        int per = means[0].length;
        float[] m = new float[indices.length * per];
        float[] d = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            copy(means[indices[i]], m, i * per, mirror[i]);
            copy(stds[indices[i]], d, i * per, mirror[i]);
        }
        Shape s = new Shape(indices.length, shape[0], shape[1], shape[2]);
        NDArray mean = manager.create(m, s);
        NDArray std = manager.create(d, s);
        return mean.add(std.mul(manager.randomNormal(s))).mul(scale);
    }

    private void copy(float[] from, float[] to, int at, boolean mirror) {
        if (!mirror) {
            System.arraycopy(from, 0, to, at, from.length);
            return;
        }
        int w = (int) shape[2];
        for (int row = 0; row < from.length / w; row++) {
            for (int x = 0; x < w; x++) {
                to[at + row * w + x] = from[row * w + (w - 1 - x)];
            }
        }
    }
}
