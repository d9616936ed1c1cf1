package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Euler ancestral with η = 1 (k-diffusion's {@code sample_euler_ancestral}): an Euler step down to
 * σ_down, then fresh noise of std σ_up brings the latent back up to the next level.
 */
public final class EulerAncestral {

    private EulerAncestral() {
    }

    public static NDArray sample(Denoiser model, NDArray input, float[] sigmas, NoiseSource noise,
                                 StepListener listener) {
        return SamplerSteps.loop(model, input, sigmas, listener, (x, denoised, sigma, sigmaNext) -> {
            double[] downUp = ancestralStep(sigma, sigmaNext);
            NDArray d = SamplerSteps.derivative(x, denoised, sigma);
            NDArray next = x.add(d.mul(downUp[0] - sigma));
            return sigmaNext > 0 ? next.add(noise.next(x.getShape()).mul(downUp[1])) : next;
        });
    }

    /**
     * k-diffusion's {@code get_ancestral_step} with η = 1: splits the move from σ to σ_next into a
     * deterministic part down to σ_down and added noise σ_up, with σ_down² + σ_up² = σ_next².
     *
     * @return {σ_down, σ_up}
     */
    static double[] ancestralStep(double sigma, double sigmaNext) {
        double up = Math.min(sigmaNext,
                Math.sqrt(sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext) / (sigma * sigma)));
        double down = Math.sqrt(sigmaNext * sigmaNext - up * up);
        return new double[] {down, up};
    }
}
