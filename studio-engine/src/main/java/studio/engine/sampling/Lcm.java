package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import studio.engine.api.InvalidRequestException;

/**
 * The latent consistency model sampler ({@code lcm}), with the semantics of diffusers'
 * {@code LCMScheduler} for SD: each step asks the network for the clean latent x0 at timestep t,
 * applies the consistency boundary condition D = c_skip(t)·x_t + c_out(t)·x0 (x_t the VP latent),
 * then re-noises D to the next timestep with a fresh draw; the last step returns D itself.
 *
 * <p>Timesteps: the distillation grid of 50 "original" steps t = 20i − 1 (i = 1..50), reversed, at
 * indices floor(linspace(0, 50, n, endpoint=False)); 4 steps give 999, 759, 499, 259. The boundary
 * condition uses timestep scaling 10 and σ_data 0.5, so c_skip is ~1e-8 and c_out ~1 at every
 * grid timestep (it matters for the few-step models distilled with it, not for the arithmetic).
 *
 * <p>In the VE form all samplers here share, with σ_t = √((1−ᾱ_t)/ᾱ_t): x_t = x/√(1+σ²), and the
 * re-noised VP latent √ᾱ'·D + √(1−ᾱ')·n read back at σ' is D + σ'·n. It starts from the seed's first
 * draw as VP noise (diffusers' init_noise_sigma is 1), which {@link LatentSpace#VP} provides.
 */
public final class Lcm {
    /** Steps of the schedule the consistency model was distilled on (diffusers' original_inference_steps). */
    static final int ORIGINAL_STEPS = 50;
    static final double TIMESTEP_SCALING = 10;
    static final double SIGMA_DATA = 0.5;

    private Lcm() {
    }

    /** The timesteps of an {@code steps}-step run, descending. */
    public static int[] timesteps(DiscreteSchedule schedule, int steps) {
        if (steps < 1 || steps > ORIGINAL_STEPS) {
            throw new InvalidRequestException("lcm takes 1 to " + ORIGINAL_STEPS + " steps (it samples a "
                    + ORIGINAL_STEPS + "-step grid; 4 to 8 are typical), got " + steps);
        }
        int stride = schedule.size() / ORIGINAL_STEPS;
        double spacing = (double) ORIGINAL_STEPS / steps; // numpy's linspace step, endpoint=False
        int[] out = new int[steps];
        for (int j = 0; j < steps; j++) {
            int index = (int) Math.floor(j * spacing);
            out[j] = (ORIGINAL_STEPS - index) * stride - 1; // reversed grid: index 0 is 50·20 − 1 = 999
        }
        return out;
    }

    /** σ of {@link #timesteps} then 0: the last step lands on the clean estimate. */
    public static float[] sigmas(DiscreteSchedule schedule, int steps) {
        int[] ts = timesteps(schedule, steps);
        float[] out = new float[ts.length + 1];
        for (int i = 0; i < ts.length; i++) {
            out[i] = schedule.sigma(ts[i]);
        }
        return out;
    }

    /**
     * The guidance scale to run with: LCM pipelines guide only above 1 (diffusers'
     * {@code do_classifier_free_guidance = guidance_scale > 1}), so any scale ≤ 1 means the
     * conditional pass alone — one network evaluation per step, as LCM-LoRA is meant to be used.
     */
    public static double guidance(double requested) {
        return requested <= 1 ? 1 : requested;
    }

    /** c_skip and c_out of timestep t (diffusers' get_scalings_for_boundary_condition_discrete). */
    static double[] boundaryScalings(int t) {
        double scaled = t * TIMESTEP_SCALING;
        double d2 = SIGMA_DATA * SIGMA_DATA;
        double cSkip = d2 / (scaled * scaled + d2);
        double cOut = scaled / Math.sqrt(scaled * scaled + d2);
        return new double[] {cSkip, cOut};
    }

    /**
     * Samples on the levels of {@link #sigmas}; the timestep of each level is read back from the Stable
     * Diffusion schedule, the one every model of the studio runs on (the sampler interface carries
     * only σ).
     */
    public static NDArray sample(Denoiser model, NDArray input, float[] sigmas, NoiseSource noise,
                                 StepListener listener) {
        int total = SamplerSteps.count(sigmas);
        DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();
        NDArray x = input;
        for (int i = 0; i < total; i++) {
            try (NDScope ignored = new NDScope()) {
                double sigma = sigmas[i];
                float sigmaNext = sigmas[i + 1];
                int t = (int) Math.round(schedule.sigmaToT(sigma));
                double[] c = boundaryScalings(t);
                NDArray x0 = model.denoise(x, sigmas[i]);
                NDArray vp = x.div(Math.sqrt(1 + sigma * sigma));
                NDArray denoised = x0.mul(c[1]).add(vp.mul(c[0]));
                NDArray next = sigmaNext > 0 ? denoised.add(noise.next(x.getShape()).mul(sigmaNext)) : denoised;
                x = SamplerSteps.advance(x, next, input);
                listener.onStep(i, total, x, denoised);
            }
        }
        return x;
    }
}
