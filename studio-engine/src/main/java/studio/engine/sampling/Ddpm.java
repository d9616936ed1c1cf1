package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Ancestral DDPM (Ho et al. 2020): each step samples the posterior q(x_prev | x_t, x0 = D) between
 * two noise levels, with the "fixed_small" (posterior) variance, as diffusers' DDPMScheduler does.
 * The posterior is written for VP latents, so each step converts from and back to the VE scale
 * the samplers share. No noise is added on a step into σ = 0.
 *
 * <p>On the same noise levels this equals Euler ancestral with η = 1; the {@code ddpm} sampler
 * differs from {@code euler_a} by running on DDPM's own discrete timesteps
 * ({@link DiscreteSchedule#ddpmSigmas(int)}) from a VP-scaled start.
 */
public final class Ddpm {

    private Ddpm() {
    }

    public static NDArray sample(Denoiser model, NDArray input, float[] sigmas, NoiseSource noise,
                                 StepListener listener) {
        return SamplerSteps.loop(model, input, sigmas, listener, (x, denoised, sigmaF, sigmaNextF) -> {
            double sigma = sigmaF;
            double sigmaNext = sigmaNextF;
            double alphaBar = 1 / (1 + sigma * sigma);
            double alphaBarPrev = 1 / (1 + sigmaNext * sigmaNext);
            double alpha = alphaBar / alphaBarPrev;
            double beta = 1 - alpha;
            // posterior mean coefficients of x0 and x_t (Ho et al., eq. 7), on VP latents
            double x0Coef = Math.sqrt(alphaBarPrev) * beta / (1 - alphaBar);
            double xtCoef = Math.sqrt(alpha) * (1 - alphaBarPrev) / (1 - alphaBar);
            double toVp = Math.sqrt(alphaBar);
            NDArray nextVp = x.mul(xtCoef * toVp).add(denoised.mul(x0Coef));
            if (sigmaNext <= 0) {
                return nextVp;
            }
            double std = Math.sqrt((1 - alphaBarPrev) / (1 - alphaBar) * beta);
            nextVp = nextVp.add(noise.next(x.getShape()).mul(std));
            return nextVp.mul(Math.sqrt(1 + sigmaNext * sigmaNext));
        });
    }
}
