package studio.engine.sampling;

import ai.djl.ndarray.NDArray;

/**
 * How a sampler's latents relate to the noise level, which fixes how a run starts and ends. All
 * samplers step VE latents x = x0 + σ·n internally; a VP sampler is one whose reference defines its
 * start and result as variance-preserving latents √ᾱ·x0 + √(1−ᾱ)·n = x/√(1+σ²).
 */
public enum LatentSpace {
    /** k-diffusion samplers: start from n·σ_max, the last level is 0 so the result is the clean latent. */
    VE {
        @Override
        NDArray start(NDArray noise, float sigma) {
            return noise.mul(sigma);
        }

        @Override
        NDArray noised(NDArray x0, NDArray noise, float noiseSigma, float startSigma) {
            return noise.mul(noiseSigma).add(x0);
        }

        @Override
        NDArray finish(NDArray x, float lastSigma) {
            return x;
        }
    },
    /**
     * Timestep samplers (DDIM, DDPM): start from x_T = n, unit variance; the result is the VP
     * latent at the last level (for DDIM ᾱ_0, slightly noisy, and that is what gets decoded).
     */
    VP {
        @Override
        NDArray start(NDArray noise, float sigma) {
            return noise.mul(Math.sqrt(1 + (double) sigma * sigma));
        }

        @Override
        NDArray noised(NDArray x0, NDArray noise, float noiseSigma, float startSigma) {
            // √ᾱ·x0 + √(1−ᾱ)·n at noiseSigma, then read as a VE latent at startSigma: the two levels
            // differ for DDIM img2img (see Img2ImgConvention.COMPVIS_DDIM)
            double s = noiseSigma;
            double s0 = startSigma;
            return noise.mul(s).add(x0).mul(Math.sqrt((1 + s0 * s0) / (1 + s * s)));
        }

        @Override
        NDArray finish(NDArray x, float lastSigma) {
            return lastSigma == 0 ? x : x.div(Math.sqrt(1 + (double) lastSigma * lastSigma));
        }
    };

    /** The VE latent a text-to-image run starts from, given standard-normal noise. */
    abstract NDArray start(NDArray noise, float sigma);

    /** The VE latent at {@code startSigma} an image-to-image run starts from. */
    abstract NDArray noised(NDArray x0, NDArray noise, float noiseSigma, float startSigma);

    /** The latent the VAE decodes, from the sampler's result at {@code lastSigma}. */
    abstract NDArray finish(NDArray x, float lastSigma);
}
