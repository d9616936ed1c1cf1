/**
 * Noise schedules, denoisers and samplers — the loop between the U-Net and the latent.
 *
 * <p>{@link studio.engine.sampling.DiscreteSchedule} gives noise levels; {@link
 * studio.engine.sampling.CompVisDenoiser} turns the network ({@link studio.engine.sampling.ModelFn})
 * into D(x, σ, context); {@link studio.engine.sampling.CfgDenoiser} binds prompt and negative prompt
 * with guidance into a {@link studio.engine.sampling.Denoiser}, which further wrappers such as
 * {@link studio.engine.sampling.MaskedDenoiser} may decorate. {@link
 * studio.engine.sampling.Samplers#byName(String)} gives a {@link studio.engine.sampling.SamplerSpec},
 * whose {@link studio.engine.sampling.SamplingPlan} starts, runs and finishes one generation.
 * Definitions follow k-diffusion, the original CompVis DDIM sampler and AUTOMATIC1111, checked
 * against {@code tools/reference/samplers_reference.py}.
 */
package studio.engine.sampling;
