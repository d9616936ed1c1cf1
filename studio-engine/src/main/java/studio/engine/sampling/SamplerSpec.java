package studio.engine.sampling;

import java.util.Arrays;
import java.util.Objects;
import studio.engine.api.InvalidRequestException;

/**
 * A named sampler as a user picks it: the algorithm plus the noise levels it runs on, the latent
 * scale it starts from and returns, and its image-to-image convention. Look one up with
 * {@link Samplers#byName(String)}, then make a {@link SamplingPlan}:
 * <pre>{@code
 * SamplingPlan plan = spec.txt2img(schedule, steps);            // or spec.img2img(schedule, steps, strength)
 * NoiseSource noise = NoiseSource.seeded(manager, seed);
 * NDArray x = plan.initialLatent(noise.next(shape));            // or plan.noiseTo(x0, noise.next(shape))
 * NDArray latent = plan.finalLatent(plan.sample(denoiser, x, noise, listener));
 * }</pre>
 *
 * @param name    the studio's name ({@code euler_a}), used in requests and on the command line
 * @param label   AUTOMATIC1111's name ({@code Euler a}), written to PNG metadata
 * @param sampler the algorithm
 * @param spacing the noise levels of a full run for a step count
 * @param space   how the run's start and result are scaled
 * @param img2img which part of the levels image-to-image runs
 */
public record SamplerSpec(String name, String label, Sampler sampler, Spacing spacing, LatentSpace space,
                          Img2ImgConvention img2img) {

    /** The descending noise levels of a full run of a sampler, for a step count. */
    @FunctionalInterface
    public interface Spacing {
        float[] sigmas(DiscreteSchedule schedule, int steps);
    }

    public SamplerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(img2img, "img2img");
    }

    /**
     * The noise levels of a full text-to-image run: {@code steps + 1} values for the k-samplers;
     * DDIM may take a few more steps than asked (see {@link DiscreteSchedule#ddimTimesteps(int)}).
     */
    public float[] sigmas(DiscreteSchedule schedule, int steps) {
        checkSteps(schedule, steps);
        return spacing.sigmas(schedule, steps);
    }

    /** A text-to-image run of {@code steps} steps from pure noise. */
    public SamplingPlan txt2img(DiscreteSchedule schedule, int steps) {
        float[] sigmas = sigmas(schedule, steps);
        return new SamplingPlan(this, sigmas, sigmas[0]);
    }

    /**
     * An image-to-image run as AUTOMATIC1111 makes it: the schedule is built for {@code steps} and
     * the last part of it runs, by {@link #img2imgDepth(int, double) t_enc} and this sampler's
     * {@link Img2ImgConvention}: k-samplers run t_enc + 1 steps, DDIM t_enc.
     *
     * @param strength how much of the image to redo, in [0, 1]; values above 0.999 act as 0.999
     */
    public SamplingPlan img2img(DiscreteSchedule schedule, int steps, double strength) {
        float[] full = sigmas(schedule, steps);
        int levels = full.length - 1;
        int noiseIndex = levels - img2imgDepth(steps, strength) - 1;
        int runFrom = img2img == Img2ImgConvention.TAIL ? noiseIndex : noiseIndex + 1;
        return new SamplingPlan(this, Arrays.copyOfRange(full, runFrom, full.length), full[noiseIndex]);
    }

    /**
     * AUTOMATIC1111's t_enc: {@code int(min(strength, 0.999) * steps)}, how many of the schedule's
     * steps image-to-image re-does (plus one for k-samplers).
     */
    public static int img2imgDepth(int steps, double strength) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new InvalidRequestException("strength must be between 0 and 1, got " + strength);
        }
        return (int) (Math.min(strength, 0.999) * steps);
    }

    private static void checkSteps(DiscreteSchedule schedule, int steps) {
        if (steps < 1 || steps > schedule.size()) {
            throw new InvalidRequestException("steps must be between 1 and " + schedule.size() + ", got " + steps);
        }
    }
}
