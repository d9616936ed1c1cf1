package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import studio.engine.image.RgbImage;
import studio.engine.nn.vae.AutoencoderKL;

/**
 * The cheap live preview: each latent pixel mapped to RGB by a linear function (C weights + bias
 * per colour), then scaled up to image size. Costs microseconds where a VAE decode costs seconds.
 *
 * <p>The coefficients are fitted per model by least squares on the model's own VAE: smooth random
 * colour images are encoded, and each latent pixel is regressed onto the mean colour of the pixel
 * block it covers. Encoding real-looking images keeps the latents on the VAE's manifold.
 */
public final class LatentPreview {
    private final int channels;
    /** Row-major (3, channels + 1): weights then bias for R, G, B, in [-1, 1] colour units. */
    private final double[] coefficients;
    private final int factor;

    public LatentPreview(int channels, double[] coefficients, int factor) {
        if (coefficients.length != 3 * (channels + 1)) {
            throw new IllegalArgumentException("expected " + 3 * (channels + 1) + " coefficients");
        }
        this.channels = channels;
        this.coefficients = coefficients.clone();
        this.factor = factor;
    }

    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * Fits the projection for a VAE.
     *
     * @param latentScale the factor the pipeline multiplies latents by; the fit maps scaled latents
     */
    public static LatentPreview fit(AutoencoderKL vae, float latentScale, long seed) {
        int f = vae.config().downsamplingFactor();
        int c = vae.config().embedDim();
        int side = f * 8;
        int images = 6;
        try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            JniUtils.setSeed(seed);
            // Smooth colour fields: low-resolution noise blown up, so blocks have coherent colours.
            NDArray coarse = m.randomUniform(-1f, 1f, new Shape(images, 3, 4, 4));
            NDArray pictures = coarse.repeat(2, side / 4).repeat(3, side / 4);
            NDArray latents = vae.encodeMean(pictures).mul(latentScale);
            NDArray targets = pictures.reshape(images, 3, side / f, f, side / f, f).mean(new int[] {5}).mean(new int[] {3});
            float[] z = latents.toFloatArray();
            float[] t = targets.toFloatArray();
            return new LatentPreview(c, solve(z, t, images, c, (side / f) * (side / f)), f);
        }
    }

    /** Ordinary least squares per colour via the normal equations (a (C+1)² system, solved directly). */
    private static double[] solve(float[] z, float[] t, int n, int c, int pixels) {
        int k = c + 1;
        double[] ata = new double[k * k];
        double[][] atb = new double[3][k];
        double[] row = new double[k];
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < pixels; p++) {
                for (int ch = 0; ch < c; ch++) {
                    row[ch] = z[(b * c + ch) * pixels + p];
                }
                row[c] = 1;
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        ata[i * k + j] += row[i] * row[j];
                    }
                    for (int col = 0; col < 3; col++) {
                        atb[col][i] += row[i] * t[(b * 3 + col) * pixels + p];
                    }
                }
            }
        }
        for (int i = 0; i < k; i++) {
            ata[i * k + i] += 1e-6; // ridge: keeps the system solvable for a degenerate VAE
        }
        double[] out = new double[3 * k];
        for (int col = 0; col < 3; col++) {
            double[] x = gauss(ata.clone(), atb[col].clone(), k);
            System.arraycopy(x, 0, out, col * k, k);
        }
        return out;
    }

    private static double[] gauss(double[] a, double[] b, int k) {
        for (int i = 0; i < k; i++) {
            int pivot = i;
            for (int r = i + 1; r < k; r++) {
                if (Math.abs(a[r * k + i]) > Math.abs(a[pivot * k + i])) {
                    pivot = r;
                }
            }
            for (int j = 0; j < k; j++) {
                double tmp = a[i * k + j];
                a[i * k + j] = a[pivot * k + j];
                a[pivot * k + j] = tmp;
            }
            double tb = b[i];
            b[i] = b[pivot];
            b[pivot] = tb;
            for (int r = i + 1; r < k; r++) {
                double factor = a[r * k + i] / a[i * k + i];
                for (int j = i; j < k; j++) {
                    a[r * k + j] -= factor * a[i * k + j];
                }
                b[r] -= factor * b[i];
            }
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < k; j++) {
                s -= a[i * k + j] * x[j];
            }
            x[i] = s / a[i * k + i];
        }
        return x;
    }

    /** Projects a (1, C, h, w) scaled latent to an image of (w·f, h·f) pixels. */
    public RgbImage render(NDArray latent) {
        Shape s = latent.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] z = latent.toFloatArray();
        int pixels = h * w;
        int[] small = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            int rgb = 0xFF000000;
            for (int col = 0; col < 3; col++) {
                double v = coefficients[col * (channels + 1) + channels];
                for (int ch = 0; ch < channels; ch++) {
                    v += coefficients[col * (channels + 1) + ch] * z[ch * pixels + p];
                }
                int byteValue = (int) Math.max(0, Math.min(255, Math.round((v / 2 + 0.5) * 255)));
                rgb |= byteValue << (8 * (2 - col));
            }
            small[p] = rgb;
        }
        int[] big = new int[pixels * factor * factor];
        int bw = w * factor;
        for (int y = 0; y < h * factor; y++) {
            for (int x = 0; x < bw; x++) {
                big[y * bw + x] = small[(y / factor) * w + x / factor];
            }
        }
        return new RgbImage(bw, h * factor, big);
    }

    @Override
    public String toString() {
        return "LatentPreview" + Arrays.toString(coefficients);
    }
}
