package studio.engine.sampling;

/**
 * Which part of a schedule image-to-image runs, following AUTOMATIC1111 so that a strength means
 * the same there and here. With t_enc = int(min(strength, 0.999)·steps) and the full list of
 * levels σ_0 > … > σ_L (L steps):
 */
public enum Img2ImgConvention {
    /**
     * k-diffusion samplers: the image is noised to σ_{L−t_enc−1} and the run starts there, taking
     * the last t_enc + 1 steps (A1111 {@code sigma_sched = sigmas[steps - t_enc - 1:]}).
     */
    TAIL,
    /**
     * The CompVis DDIM sampler: the image is noised to DDIM timestep index t_enc
     * ({@code stochastic_encode}) but decoding runs the timesteps below it,
     * {@code timesteps[:t_enc]} — t_enc steps, the first one evaluated one level lower than the
     * image was noised to. A1111 keeps this in both of its DDIM implementations.
     */
    COMPVIS_DDIM
}
