package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import studio.engine.image.RgbImage;
import studio.engine.nn.taesd.TinyAutoencoder;

/** Latent → pixels through TAESD, for previews and draft results. */
final class TaesdImages {
    private TaesdImages() {
    }

    /**
     * @param latent the U-Net-scale latent, as the sampler hands it over: TAESD needs no division by
     *               the VAE scale factor
     */
    static RgbImage decode(TinyAutoencoder taesd, NDArray latent) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // TAESD outputs [0, 1]; Tensors.toImage reads [-1, 1] and clamps
            return Tensors.toImage(taesd.decode(latent).mul(2).sub(1));
        }
    }
}
