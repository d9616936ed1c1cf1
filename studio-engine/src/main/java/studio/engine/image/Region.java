package studio.engine.image;

/** The bounds check both image types' {@code crop} share. */
final class Region {
    private Region() {
    }

    static void check(int x, int y, int width, int height, int imageWidth, int imageHeight) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("crop size must be positive, got " + width + "x" + height);
        }
        if (x < 0 || y < 0 || x + width > imageWidth || y + height > imageHeight) {
            throw new IllegalArgumentException("crop " + width + "x" + height + " at (" + x + ", " + y
                    + ") is outside the " + imageWidth + "x" + imageHeight + " image");
        }
    }
}
