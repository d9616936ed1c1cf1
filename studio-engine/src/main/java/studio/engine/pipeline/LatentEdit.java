package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import studio.engine.edit.Masks;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.engine.model.DiffusionModel;
import studio.engine.sampling.BatchRows;
import studio.engine.sampling.Conditioning;
import studio.engine.sampling.ModelFn;
import java.util.List;

/**
 * The latent side of an edit: the source image's scaled latent (posterior mean) and how the network
 * sees the mask. Ordinary checkpoints blend the known region back at every step through the mask at
 * latent size; 9-channel inpainting checkpoints instead get the mask and the masked image's latent
 * as extra input channels (their native conditioning).
 *
 * @param source      scaled latent of the init image, or null for text-to-image
 * @param blendMask   (1, 1, h, w) repaint mask for per-step blending, or null
 * @param extraInput  (1, 5, h, w) mask + masked-image latent for 9-channel models, else null
 */
record LatentEdit(NDArray source, NDArray blendMask, NDArray extraInput) {

    /** @param cache the model's last encoded pictures (a live stroke repaints over the same one) */
    static LatentEdit encode(DiffusionModel model, EncodedImages cache, EditInputs edit, int width, int height, NDManager m) {
        int f = model.vaeFactor();
        NDArray source = edit.init() == null ? null : cache.latent(edit.init(), image -> encodeImage(model, image, m));
        GrayImage mask = edit.blurredMask();
        if (!model.isInpainting()) {
            return new LatentEdit(source, mask == null ? null : latentMask(mask, f, m), null);
        }
        // 9-channel models see the mask and the latent of the image with the masked part greyed out
        // (diffusers' rule: pixels with mask >= 0.5 are removed). Text-to-image and img2img on them
        // repaint everything over a neutral grey image, as AUTOMATIC1111 does.
        RgbImage base = edit.init() == null ? RgbImage.filled(width, height, 0x808080) : edit.init();
        GrayImage repaint = mask == null ? fullMask(width, height) : mask;
        NDArray extra = latentMask(repaint, f, m).concat(cache.latent(maskOut(base, repaint), image -> encodeImage(model, image, m)), 1);
        return new LatentEdit(source, null, extra);
    }

    /**
     * The network as the samplers call it, with extra input channels for inpainting checkpoints;
     * {@code betweenBlocks} runs between the U-Net's blocks (the cancellation check).
     */
    ModelFn modelFn(DiffusionModel model, ControlSteering controls, Runnable betweenBlocks) {
        return new ModelFn() {
            @Override
            public NDArray apply(NDArray x, NDArray t, NDArray context) {
                return apply(x, t, Conditioning.of(context));
            }

            @Override
            public NDArray apply(NDArray x, NDArray t, Conditioning c) {
                if (!controls.isEmpty()) {
                    throw new IllegalStateException("a ControlNet needs to know the batch's rows and noise level");
                }
                return model.unet().forward(input(x), t, c.context(), c.vector(), null, betweenBlocks);
            }

            @Override
            public NDArray apply(NDArray x, NDArray t, Conditioning c, BatchRows rows) {
                // the ControlNet sees the latent without the inpainting channels, as in sd-webui-controlnet
                List<NDArray> control = controls.isEmpty() ? null
                        : controls.residuals(x, t, c.context(), rows, betweenBlocks);
                return model.unet().forward(input(x), t, c.context(), c.vector(), control, betweenBlocks);
            }

            private NDArray input(NDArray x) {
                return model.isInpainting() ? x.concat(extraInput.repeat(0, x.getShape().get(0)), 1) : x;
            }
        };
    }

    private static NDArray encodeImage(DiffusionModel model, RgbImage image, NDManager m) {
        return model.vae().encodeMean(Tensors.fromImage(image, m)).mul(model.latentScale());
    }

    private static NDArray latentMask(GrayImage mask, int f, NDManager m) {
        float[] v = Masks.toLatent(mask, f);
        return m.create(v, new Shape(1, 1, mask.height() / f, mask.width() / f));
    }

    private static GrayImage fullMask(int width, int height) {
        float[] ones = new float[width * height];
        java.util.Arrays.fill(ones, 1f);
        return new GrayImage(width, height, ones);
    }

    /** The image with masked pixels set to neutral grey (0 in [-1, 1]). */
    private static RgbImage maskOut(RgbImage image, GrayImage mask) {
        int[] px = image.pixels();
        for (int i = 0; i < px.length; i++) {
            if (mask.value(i % image.width(), i / image.width()) >= 0.5f) {
                px[i] = 0xFF808080;
            }
        }
        return new RgbImage(image.width(), image.height(), px);
    }
}
