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

    /** Under bf16 arithmetic the preview computes in bf16 and stays close to the fp32 one. */
    @Test
    void bf16PreviewsStayCloseToFp32() {
        try (NDManager m = NDManager.newBaseManager(); TinyAutoencoder taesd = randomTaesd(m);
             var arithmetic = studio.engine.testing.TemporaryProperty.set(studio.engine.nn.Bf16Arithmetic.PROPERTY, "on")) {
            JniUtils.setSeed(5);
            NDArray latent = m.randomNormal(new Shape(1, 4, 64, 64)); // a 512x512 frame, previewed at half size
            RgbImage fp32 = TaesdImages.preview(taesd, latent);
            RgbImage bf16 = TaesdImages.preview(taesd, latent, studio.engine.nn.Precision.BF16);
            assertEquals(512, bf16.width());
            double psnr = CheckpointParityTest.psnr(bf16, toBuffered(fp32));
            System.out.printf(java.util.Locale.ROOT, "TAESD preview in bf16 against fp32: PSNR %.1f dB%n", psnr);
            org.junit.jupiter.api.Assertions.assertTrue(psnr >= 35, "PSNR " + psnr);
        }
    }

    private static java.awt.image.BufferedImage toBuffered(RgbImage image) {
        java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(image.width(), image.height(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        return b;
    }

    private static TinyAutoencoder randomTaesd(NDManager m) {
        TaesdDecoder decoder = new TaesdDecoder(4);
        NDManager weights = m.newSubManager();
        RandomInit.initialise(decoder, weights, 7);
        return new TinyAutoencoder(TinyAutoencoder.Variant.SD, decoder, null, weights, "random");
    }
}
