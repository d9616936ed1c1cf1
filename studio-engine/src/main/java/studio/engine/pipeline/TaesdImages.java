package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import studio.engine.image.RgbImage;
import studio.engine.io.Images;
import studio.engine.nn.Precision;
import studio.engine.nn.taesd.TaesdDecoder;
import studio.engine.nn.taesd.TinyAutoencoder;

/** Latent → pixels through TAESD, for previews and draft results. */
public final class TaesdImages {
    /**
     * Frames up to this side (pixels) are previewed at full size; larger ones from the latent averaged
     * over 2×2 blocks, at half their side, then scaled up. Why: TAESD's last stage works at the full
     * image size and holds three quarters of its work (about 140 GFLOP for a 512×512 frame, 0.7 s at
     * this CPU's conv rate, 6–10% of an SD 1.5 step); from the averaged latent a preview costs a quarter
     * of that. Averaging a latent over 2×2 blocks is close to shrinking the picture it decodes to (the
     * autoencoders are convolutional and the latent space is locally near-linear), which is all a
     * preview of an unfinished step needs to show. Results and drafts are always decoded at full size.
     */
    public static final int FULL_PREVIEW_SIDE = 256;

    private TaesdImages() {
    }

    /**
     * The latent decoded at full size, as results and drafts are.
     *
     * @param latent the U-Net-scale latent, as the sampler hands it over: TAESD needs no division by
     *               the VAE scale factor
     */
    public static RgbImage decode(TinyAutoencoder taesd, NDArray latent) {
        return decode(taesd, latent, Precision.FP32);
    }

    /** As {@link #decode(TinyAutoencoder, NDArray)}, computing as the request's precision does ({@link Precision#activations}). */
    public static RgbImage decode(TinyAutoencoder taesd, NDArray latent, Precision precision) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return toImage(taesd, latent, precision);
        }
    }

    /** A live preview of a (1, C, h, w) latent at the frame's size, at half resolution for large frames. */
    public static RgbImage preview(TinyAutoencoder taesd, NDArray latent) {
        return preview(taesd, latent, Precision.FP32);
    }

    /** As {@link #preview(TinyAutoencoder, NDArray)}, computing as the request's precision does. */
    public static RgbImage preview(TinyAutoencoder taesd, NDArray latent, Precision precision) {
        Shape s = latent.getShape();
        long h = s.get(2);
        long w = s.get(3);
        if (Math.max(h, w) * TaesdDecoder.FACTOR <= FULL_PREVIEW_SIDE || h % 2 != 0 || w % 2 != 0) {
            return decode(taesd, latent, precision);
        }
        RgbImage half;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray pooled = latent.reshape(s.get(0), s.get(1), h / 2, 2, w / 2, 2).mean(new int[] {5}).mean(new int[] {3});
            half = toImage(taesd, pooled, precision);
        }
        return Images.resize(half, (int) w * TaesdDecoder.FACTOR, (int) h * TaesdDecoder.FACTOR);
    }

    private static RgbImage toImage(TinyAutoencoder taesd, NDArray latent, Precision precision) {
        // TAESD outputs [0, 1]; Tensors.toImage reads [-1, 1] and clamps
        return Tensors.toImage(taesd.decode(latent, precision).mul(2).sub(1));
    }
}
