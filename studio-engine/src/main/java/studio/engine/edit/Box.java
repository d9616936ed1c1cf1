package studio.engine.edit;

/** An axis-aligned pixel rectangle. */
public record Box(int x, int y, int width, int height) {
    public Box {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("box must have a positive size, got " + width + "x" + height);
        }
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    /**
     * A box grown by {@code padding} on every side, widened to the aspect ratio of the target size
     * (so the crop scales to the model's size without distortion), and kept inside the image — the
     * "inpaint only masked" crop of AUTOMATIC1111.
     */
    public Box expandForCrop(int padding, int targetWidth, int targetHeight, int imageWidth, int imageHeight) {
        double x1 = x - padding;
        double y1 = y - padding;
        double x2 = right() + padding;
        double y2 = bottom() + padding;
        double ratio = (double) targetWidth / targetHeight;
        double w = x2 - x1;
        double h = y2 - y1;
        if (w / h < ratio) {
            double grow = h * ratio - w;
            x1 -= grow / 2;
            x2 += grow / 2;
        } else {
            double grow = w / ratio - h;
            y1 -= grow / 2;
            y2 += grow / 2;
        }
        // Shift back inside the image where possible, then clip.
        if (x1 < 0) {
            x2 -= x1;
            x1 = 0;
        }
        if (y1 < 0) {
            y2 -= y1;
            y1 = 0;
        }
        if (x2 > imageWidth) {
            x1 -= x2 - imageWidth;
            x2 = imageWidth;
        }
        if (y2 > imageHeight) {
            y1 -= y2 - imageHeight;
            y2 = imageHeight;
        }
        int bx = (int) Math.max(0, Math.floor(x1));
        int by = (int) Math.max(0, Math.floor(y1));
        int bx2 = (int) Math.min(imageWidth, Math.ceil(x2));
        int by2 = (int) Math.min(imageHeight, Math.ceil(y2));
        return new Box(bx, by, bx2 - bx, by2 - by);
    }
}
