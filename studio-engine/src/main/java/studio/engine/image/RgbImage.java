package studio.engine.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 8-bit RGB image as packed {@code 0xAARRGGBB} ints (alpha is always 255 for engine
 * output). The engine's own pixel type: no AWT or JavaFX, so views and the CLI convert at their edge.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final int[] argb;

    public RgbImage(int width, int height, int[] argb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(argb, "argb");
        if (argb.length != width * height) {
            throw new IllegalArgumentException(
                    "pixel count " + argb.length + " does not match " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.argb = argb.clone();
    }

    /** An image filled with one colour. */
    public static RgbImage filled(int width, int height, int rgb) {
        int[] px = new int[width * height];
        Arrays.fill(px, 0xFF000000 | rgb);
        return new RgbImage(width, height, px);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixel at (x, y) as 0xAARRGGBB. */
    public int argb(int x, int y) {
        return argb[y * width + x];
    }

    /** The {@code width x height} region at (x, y), which must lie inside the image. */
    public RgbImage crop(int x, int y, int width, int height) {
        Region.check(x, y, width, height, this.width, this.height);
        int[] out = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(argb, (y + row) * this.width + x, out, row * width, width);
        }
        return new RgbImage(width, height, out);
    }

    /** True when every pixel's alpha is 255. */
    public boolean isOpaque() {
        for (int p : argb) {
            if (p >>> 24 != 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** A copy of all pixels, row-major. */
    public int[] pixels() {
        return argb.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other
                && other.width == width
                && other.height == height
                && Arrays.equals(other.argb, argb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(argb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
