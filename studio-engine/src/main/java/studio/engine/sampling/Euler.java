package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/** Euler's method on the probability-flow ODE (k-diffusion's {@code sample_euler}, no churn). */
public final class Euler {

    private Euler() {
    }

    public static NDArray sample(Denoiser model, NDArray input, float[] sigmas, NoiseSource noise,
                                 StepListener listener) {
        return SamplerSteps.loop(model, input, sigmas, listener,
                (x, denoised, sigma, sigmaNext) -> x.add(SamplerSteps.derivative(x, denoised, sigma).mul(sigmaNext - sigma)));
    }
}
