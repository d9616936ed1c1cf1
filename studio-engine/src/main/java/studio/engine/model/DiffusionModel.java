package studio.engine.model;

import studio.engine.sampling.Prediction;

import ai.djl.ndarray.NDManager;
import studio.engine.api.SizeRule;
import studio.engine.nn.clip.TextEncoder;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.text.PromptTokenizer;

/**
 * A loaded latent diffusion model: tokenizer, text encoder, U-Net and autoencoder, with the facts the
 * pipeline needs about them. Owns the native memory of its weights; close it to free them.
 *
 * @param name        display name ("default", file name, ...)
 * @param family      detected family in words ("SD 1.x", "SD 2.x", "emoji LDM", ...)
 * @param prediction  ε or v
 * @param latentScale multiplies VAE latents before diffusion (SD: 0.18215)
 * @param weights     the manager holding every weight tensor
 * @param second      SDXL's second tokenizer and text encoder (OpenCLIP bigG), or null
 */
public record DiffusionModel(
        String name,
        String family,
        PromptTokenizer tokenizer,
        TextEncoder textEncoder,
        UNetModel unet,
        AutoencoderKL vae,
        Prediction prediction,
        float latentScale,
        NDManager weights,
        Second second) implements AutoCloseable {

    /** A second text encoder with its tokenizer (which differs from the first by its padding). */
    public record Second(PromptTokenizer tokenizer, TextEncoder encoder) {
    }

    /** A model with one text encoder. */
    public DiffusionModel(String name, String family, PromptTokenizer tokenizer, TextEncoder textEncoder,
                          UNetModel unet, AutoencoderKL vae, Prediction prediction, float latentScale,
                          NDManager weights) {
        this(name, family, tokenizer, textEncoder, unet, vae, prediction, latentScale, weights, null);
    }

    /** Pixels per latent along a side. */
    public int vaeFactor() {
        return vae.config().downsamplingFactor();
    }

    /**
     * The sizes this model can make: sides that are multiples of the VAE factor, and at most as many
     * pixels as its working memory allows in half of this machine's memory.
     */
    public SizeRule sizeRule() {
        return sizeRule(WorkingMemory.requestBudget());
    }

    /** The sizes this model can make when a request may use {@code memory} bytes. */
    public SizeRule sizeRule(long memory) {
        WorkingMemory working = new WorkingMemory(unet.config(), vaeFactor(), vae.config().ch());
        return SizeRule.of(vaeFactor()).withPixelBudget(working.maxPixels(memory), working.budgetReason(memory))
                .ofModel(family);
    }

    public int latentChannels() {
        return vae.config().embedDim();
    }

    /** True for 9-channel inpainting checkpoints. */
    public boolean isInpainting() {
        return unet.config().inChannels() == 9;
    }

    @Override
    public void close() {
        weights.close();
    }
}
