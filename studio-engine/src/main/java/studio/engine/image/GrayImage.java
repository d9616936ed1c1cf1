package studio.engine.image;

import java.util.Objects;

/**
 * An immutable single-channel image with values in [0, 1]; used for masks (1 = repaint,
 * 0 = keep, between = partial).
 */
public final class GrayImage {
    private final int width;
    private final int height;
    private final float[] values;

    public GrayImage(int width, int height, float[] values) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(values, "values");
        if (values.length != width * height) {
            throw new IllegalArgumentException(
                    "mask value count " + values.length + " does not match " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.values = values.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public float value(int x, int y) {
        return values[y * width + x];
    }

    public float[] values() {
        return values.clone();
    }

    /** The {@code width x height} region at (x, y), which must lie inside the mask. */
    public GrayImage crop(int x, int y, int width, int height) {
        Region.check(x, y, width, height, this.width, this.height);
        float[] out = new float[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(values, (y + row) * this.width + x, out, row * width, width);
        }
        return new GrayImage(width, height, out);
    }

    /** True when no pixel asks to be repainted. */
    public boolean isEmpty() {
        for (float v : values) {
            if (v > 0f) {
                return false;
            }
        }
        return true;
    }
}
