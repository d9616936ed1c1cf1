package studio.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import studio.engine.nn.vae.AutoencoderKL;

/** Reconstruction quality of an autoencoder on a set of pictures. */
public final class Reconstruction {
    private Reconstruction() {
    }

    /** Mean PSNR (dB, pixels in [0, 1]) of decode(encodeMean(x)) against x, computed per picture. */
    public static double psnr(AutoencoderKL vae, ImageBank images, NDManager manager, int batch) {
        double sum = 0;
        int count = images.count();
        for (int[] idx : images.batches(batch)) {
            int n = idx.length;
            try (NDScope scope = new NDScope()) {
                NDArray x = images.batch(manager, idx);
                NDArray rec = vae.decode(vae.encodeMean(x)).clip(-1f, 1f);
                // pixels in [0,1]: diff/2; mse per picture over C,H,W
                float[] mse = rec.sub(x).div(2f).square().reshape(n, -1).mean(new int[] {1}).toFloatArray();
                for (float m : mse) {
                    sum += 10 * Math.log10(1.0 / Math.max(m, 1e-10));
                }
            }
        }
        return sum / count;
    }
}
