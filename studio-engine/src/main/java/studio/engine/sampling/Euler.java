package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/** Euler's method on the probability-flow ODE (k-diffusion's {@code sample_euler}, no churn). */
public final class Euler {

    private Euler() {
    }

    public static NDArray sample(Denoiser model, NDArray input, float[] sigmas, NoiseSource noise,
                                 StepListener listener) {
        int total = SamplerSteps.count(sigmas);
        NDArray x = input;
        for (int i = 0; i < total; i++) {
            try (NDScope ignored = new NDScope()) {
                float sigma = sigmas[i];
                NDArray denoised = model.denoise(x, sigma);
                NDArray d = SamplerSteps.derivative(x, denoised, sigma);
                NDArray next = x.add(d.mul(sigmas[i + 1] - sigma));
                x = SamplerSteps.advance(x, next, input);
                listener.onStep(i, total, x, denoised);
            }
        }
        return x;
    }
}
