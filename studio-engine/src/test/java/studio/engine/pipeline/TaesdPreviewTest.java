package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import studio.engine.image.RgbImage;
import studio.engine.io.Images;
import studio.engine.model.RandomInit;
import studio.engine.nn.Ops;
import studio.engine.nn.taesd.TaesdDecoder;
import studio.engine.nn.taesd.TinyAutoencoder;

/**
 * Live previews through TAESD: small frames at full size; larger ones from the latent averaged over
 * 2×2 blocks (a quarter of the work), always handed out at the frame's size.
 */
class TaesdPreviewTest {
    @Test
    void smallFramesArePreviewedAsTheyWouldBeDecoded() {
        try (NDManager m = NDManager.newBaseManager(); TinyAutoencoder taesd = randomTaesd(m)) {
            JniUtils.setSeed(3);
            NDArray latent = m.randomNormal(new Shape(1, 4, 32, 24)); // a 256x192 frame
            RgbImage preview = TaesdImages.preview(taesd, latent);
            RgbImage full = TaesdImages.decode(taesd, latent);
            assertEquals(192, preview.width());
            assertEquals(256, preview.height());
            assertArrayEquals(full.pixels(), preview.pixels());
        }
    }

    @Test
    void largeFramesArePreviewedFromTheBlockAveragedLatentAtTheFramesSize() {
        try (NDManager m = NDManager.newBaseManager(); TinyAutoencoder taesd = randomTaesd(m)) {
            JniUtils.setSeed(4);
            // A latent whose 2x2 blocks are constant: its block average is the small latent itself, so the
            // preview must be that small latent's decode scaled up (rows and columns in their places).
            NDArray small = m.randomNormal(new Shape(1, 4, 20, 36));
            NDArray latent = Ops.upsampleNearest2x(small); // a 576x320 frame
            RgbImage preview = TaesdImages.preview(taesd, latent);
            assertEquals(576, preview.width());
            assertEquals(320, preview.height());
            RgbImage expected = Images.resize(TaesdImages.decode(taesd, small), 576, 320);
            assertArrayEquals(expected.pixels(), preview.pixels());
        }
    }

    private static TinyAutoencoder randomTaesd(NDManager m) {
        TaesdDecoder decoder = new TaesdDecoder(4);
        NDManager weights = m.newSubManager();
        RandomInit.initialise(decoder, weights, 7);
        return new TinyAutoencoder(TinyAutoencoder.Variant.SD, decoder, null, weights, "random");
    }
}
