package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * DPM-Solver++(2M) (k-diffusion's {@code sample_dpmpp_2m}): exact integration in λ = −log σ with
 * the denoised estimate extrapolated linearly from the previous step; the first step, and the last
 * one into σ = 0, are first order.
 */
public final class DpmPp2m {

    private DpmPp2m() {
    }

    public static NDArray sample(Denoiser model, NDArray input, float[] sigmas, NoiseSource noise,
                                 StepListener listener) {
        int total = SamplerSteps.count(sigmas);
        NDArray x = input;
        NDArray previousDenoised = null;
        try {
            for (int i = 0; i < total; i++) {
                try (NDScope ignored = new NDScope()) {
                    float sigma = sigmas[i];
                    float sigmaNext = sigmas[i + 1];
                    NDArray denoised = model.denoise(x, sigma);
                    NDArray next;
                    if (sigmaNext == 0) {
                        next = denoised.duplicate(); // the limit of the update as σ_next → 0
                    } else {
                        double t = -Math.log(sigma);
                        double tNext = -Math.log(sigmaNext);
                        double h = tNext - t;
                        NDArray target = denoised;
                        if (previousDenoised != null) {
                            double r = (t + Math.log(sigmas[i - 1])) / h;
                            target = denoised.mul(1 + 1 / (2 * r)).sub(previousDenoised.mul(1 / (2 * r)));
                        }
                        next = x.mul((double) sigmaNext / sigma).sub(target.mul(Math.expm1(-h)));
                    }
                    x = SamplerSteps.advance(x, next, input);
                    NDScope.unregister(denoised);
                    if (previousDenoised != null) {
                        previousDenoised.close();
                    }
                    previousDenoised = denoised;
                    listener.onStep(i, total, x, denoised);
                }
            }
        } finally {
            if (previousDenoised != null) {
                previousDenoised.close();
            }
        }
        return x;
    }
}
