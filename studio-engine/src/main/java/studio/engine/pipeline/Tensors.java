package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import studio.engine.image.RgbImage;

/** Conversions between engine images and (1, 3, H, W) tensors in [-1, 1]. */
public final class Tensors {
    private Tensors() {
    }

    /** (1, 3, H, W) in [-1, 1] → pixels, rounded as diffusers does ({@code (x/2+0.5)·255}, clamped, rounded). */
    public static RgbImage toImage(NDArray image) {
        Shape s = image.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] v = image.toType(DataType.FLOAT32, false).toFloatArray();
        int plane = h * w;
        int[] argb = new int[plane];
        for (int i = 0; i < plane; i++) {
            argb[i] = 0xFF000000 | channel(v[i]) << 16 | channel(v[plane + i]) << 8 | channel(v[2 * plane + i]);
        }
        return new RgbImage(w, h, argb);
    }

    private static int channel(float x) {
        float unit = x / 2f + 0.5f;
        if (!(unit > 0f)) {
            return 0;
        }
        return Math.min(255, Math.round(unit * 255f));
    }

    /** Pixels → (1, 3, H, W) in [-1, 1]. */
    public static NDArray fromImage(RgbImage image, NDManager manager) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        int[] px = image.pixels();
        float[] v = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            v[i] = ((px[i] >> 16) & 0xFF) / 127.5f - 1f;
            v[plane + i] = ((px[i] >> 8) & 0xFF) / 127.5f - 1f;
            v[2 * plane + i] = (px[i] & 0xFF) / 127.5f - 1f;
        }
        return manager.create(v, new Shape(1, 3, h, w));
    }
}
