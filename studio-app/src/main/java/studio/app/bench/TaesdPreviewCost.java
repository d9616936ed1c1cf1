package studio.app.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.util.Locale;
import studio.engine.model.RandomInit;
import studio.engine.nn.Precision;
import studio.engine.nn.taesd.TaesdDecoder;
import studio.engine.nn.taesd.TinyAutoencoder;
import studio.engine.pipeline.TaesdImages;

/**
 * What a TAESD live preview costs next to the guided step just measured in the same run: the preview
 * the studio makes (from the block-averaged latent for frames over {@link TaesdImages#FULL_PREVIEW_SIDE}
 * pixels) and a full-size TAESD decode. Random weights: a convolution costs the same whatever its values.
 */
final class TaesdPreviewCost {
    private static final int REPEATS = 3;

    private TaesdPreviewCost() {
    }

    static void print(PrintWriter out, int width, int height, double stepSeconds, Precision precision) {
        try (NDManager m = NDManager.newBaseManager()) {
            TaesdDecoder decoder = new TaesdDecoder(4);
            NDManager weights = m.newSubManager();
            RandomInit.initialise(decoder, weights, 5);
            try (TinyAutoencoder taesd = new TinyAutoencoder(TinyAutoencoder.Variant.SD, decoder, null, weights, "random")) {
                JniUtils.setSeed(6);
                NDArray latent = m.randomNormal(new Shape(1, 4, height / TaesdDecoder.FACTOR, width / TaesdDecoder.FACTOR));
                Timing preview = Timing.measure(REPEATS, () -> TaesdImages.preview(taesd, latent, precision));
                Timing full = Timing.measure(REPEATS, () -> TaesdImages.decode(taesd, latent, precision));
                out.printf(Locale.ROOT, "TAESD live preview (best of %d): %.2f s = %.1f%% of a guided step; a full-size TAESD "
                                + "decode %.2f s = %.1f%%%n", REPEATS, preview.bestMs() / 1e3, 100 * preview.bestMs() / 1e3 / stepSeconds,
                        full.bestMs() / 1e3, 100 * full.bestMs() / 1e3 / stepSeconds);
                out.flush();
            }
        }
    }
}
