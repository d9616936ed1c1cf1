package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Objects;

/**
 * One concrete run of a sampler: the noise levels it steps through and the level its starting
 * latent is noised to. Made by {@link SamplerSpec#txt2img} or {@link SamplerSpec#img2img}; knows
 * how to start, run and finish so the pipeline need not know which sampler it holds.
 */
public final class SamplingPlan {

    private final SamplerSpec spec;
    private final float[] sigmas;
    private final float noiseSigma;

    SamplingPlan(SamplerSpec spec, float[] sigmas, float noiseSigma) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.sigmas = sigmas.clone();
        this.noiseSigma = noiseSigma;
    }

    public SamplerSpec spec() {
        return spec;
    }

    /** The descending noise levels this run steps through (a copy). */
    public float[] sigmas() {
        return sigmas.clone();
    }

    /** How many denoising steps (network evaluations, before guidance) this run takes; may be 0. */
    public int steps() {
        return sigmas.length - 1;
    }

    /** The noise level the starting latent is at; for DDIM img2img one level above {@code sigmas()[0]}. */
    public float noiseSigma() {
        return noiseSigma;
    }

    /** The latent a text-to-image run starts from, given standard-normal noise (the seed's first draw). */
    public NDArray initialLatent(NDArray noise) {
        return spec.space().start(noise, sigmas[0]);
    }

    /** The latent an image-to-image run starts from: the encoded image {@code x0} noised with {@code noise}. */
    public NDArray noiseTo(NDArray x0, NDArray noise) {
        return spec.space().noised(x0, noise, noiseSigma, sigmas[0]);
    }

    /** Runs the sampler from a latent made by {@link #initialLatent} or {@link #noiseTo}. */
    public NDArray sample(Denoiser model, NDArray x, NoiseSource noise, StepListener listener) {
        return spec.sampler().sample(model, x, sigmas, noise, listener);
    }

    /** The latent to decode, from what {@link #sample} returned. */
    public NDArray finalLatent(NDArray x) {
        return spec.space().finish(x, sigmas[sigmas.length - 1]);
    }

    @Override
    public String toString() {
        return spec.name() + " " + steps() + " steps, from " + noiseSigma + " through " + Arrays.toString(sigmas);
    }
}
