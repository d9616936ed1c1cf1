package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * DDIM with η = 0 (Song et al. 2021, the original CompVis {@code DDIMSampler}). Its update
 * x_prev = √ᾱ_prev·x0 + √(1−ᾱ_prev)·ε, rewritten for VE latents x/√ᾱ with σ = √((1−ᾱ)/ᾱ), is
 * x_prev = x0 + σ_prev·ε — exactly an Euler step of the probability-flow ODE from σ to σ_prev.
 * What makes a run "DDIM" is therefore not this step but its noise levels and latent scale, which
 * {@link Samplers} attaches: DDIM's own timesteps ({@link DiscreteSchedule#ddimSigmas(int)}, the
 * network called at those exact integer timesteps), a final step to ᾱ_0 rather than to σ = 0, and
 * a start from unit-variance VP noise.
 */
public final class Ddim {

    private Ddim() {
    }

    public static NDArray sample(Denoiser model, NDArray input, float[] sigmas, NoiseSource noise,
                                 StepListener listener) {
        return Euler.sample(model, input, sigmas, noise, listener);
    }
}
