package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/** The bookkeeping every sampler shares: argument checks and handing the latent from step to step. */
final class SamplerSteps {

    private SamplerSteps() {
    }

    static int count(float[] sigmas) {
        if (sigmas == null || sigmas.length == 0) {
            throw new IllegalArgumentException("a sampler needs at least one noise level");
        }
        for (int i = 0; i + 1 < sigmas.length; i++) {
            if (!(sigmas[i] > 0) || !(sigmas[i + 1] >= 0) || sigmas[i + 1] > sigmas[i]) {
                throw new IllegalArgumentException("noise levels must descend from > 0 towards >= 0; got "
                        + sigmas[i] + " then " + sigmas[i + 1] + " at step " + i);
            }
        }
        return sigmas.length - 1;
    }

    /**
     * Each step runs in an {@link NDScope} that frees its temporaries; the new latent must outlive
     * it, and the previous one is freed unless it is the caller's input.
     */
    static NDArray advance(NDArray previous, NDArray next, NDArray callerInput) {
        NDScope.unregister(next);
        if (previous != callerInput) {
            previous.close();
        }
        return next;
    }

    /** One step of a sampler that calls the model once per step: the next latent from x and its estimate D. */
    @FunctionalInterface
    interface Update {
        NDArray next(NDArray x, NDArray denoised, float sigma, float sigmaNext);
    }

    /**
     * The loop of the one-evaluation samplers: per step, in its own scope, D = model(x, σ), the
     * update, the hand-over of the latent, and the listener.
     */
    static NDArray loop(Denoiser model, NDArray input, float[] sigmas, StepListener listener, Update update) {
        int total = count(sigmas);
        NDArray x = input;
        for (int i = 0; i < total; i++) {
            try (NDScope ignored = new NDScope()) {
                NDArray denoised = model.denoise(x, sigmas[i]);
                x = advance(x, update.next(x, denoised, sigmas[i], sigmas[i + 1]), input);
                listener.onStep(i, total, x, denoised);
            }
        }
        return x;
    }

    /** d = (x − D)/σ: the direction of the probability-flow ODE, dx/dσ. */
    static NDArray derivative(NDArray x, NDArray denoised, float sigma) {
        return x.sub(denoised).div(sigma);
    }
}
