package studio.ui.canvas;

import studio.engine.image.RgbImage;

/**
 * The picture on the infinite canvas: ARGB pixels covering {@link #bounds()} in canvas coordinates.
 * Pixels with alpha 0 are empty canvas (what outpainting fills). Grows when a result lands outside it.
 * Mutable and confined to the FX thread; {@link #copy()} makes a snapshot for undo and autosave.
 */
public final class ImageLayer {
    private Rect bounds = new Rect(0, 0, 0, 0);
    private int[] argb = new int[0];

    public Rect bounds() {
        return bounds;
    }

    public boolean isEmpty() {
        return bounds.isEmpty();
    }

    /** The pixel at canvas point (x, y); 0 (transparent) outside the layer. */
    public int argbAt(int x, int y) {
        if (!bounds.contains(x, y)) {
            return 0;
        }
        return argb[(y - bounds.y()) * bounds.width() + (x - bounds.x())];
    }

    /** How many pixels of {@code area} hold picture (alpha above 0). */
    public long countCovered(Rect area) {
        Rect overlap = area.intersect(bounds);
        long n = 0;
        for (int row = 0; row < overlap.height(); row++) {
            int base = (overlap.y() + row - bounds.y()) * bounds.width() + (overlap.x() - bounds.x());
            for (int i = 0; i < overlap.width(); i++) {
                if ((argb[base + i] >>> 24) != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Makes the layer exactly this image placed at (x, y). */
    public void replace(RgbImage image, int x, int y) {
        bounds = new Rect(x, y, image.width(), image.height());
        argb = image.pixels();
    }

    /** Empties the canvas. */
    public void clear() {
        bounds = new Rect(0, 0, 0, 0);
        argb = new int[0];
    }

    /**
     * Draws the image with its top-left at (x, y), growing the layer to hold it. Opaque pixels
     * replace what was there; the result's own transparent pixels (if any) leave the canvas as is.
     */
    public void paste(RgbImage image, int x, int y) {
        Rect target = new Rect(x, y, image.width(), image.height());
        growTo(bounds.union(target));
        int[] src = image.pixels();
        for (int row = 0; row < image.height(); row++) {
            int dst = (y + row - bounds.y()) * bounds.width() + (x - bounds.x());
            for (int col = 0; col < image.width(); col++) {
                int p = src[row * image.width() + col];
                if ((p >>> 24) != 0) {
                    argb[dst + col] = p;
                }
            }
        }
    }

    /** Pixels of {@code area}, row-major; transparent where the layer has none. */
    public int[] crop(Rect area) {
        int[] out = new int[area.width() * area.height()];
        Rect.copyOverlap(argb, bounds, out, area);
        return out;
    }

    /** The whole layer as an image, or null when the canvas is empty. */
    public RgbImage toImage() {
        return isEmpty() ? null : new RgbImage(bounds.width(), bounds.height(), argb);
    }

    /** A snapshot (undo, autosave): a copy that later edits do not change. */
    public Snapshot copy() {
        return new Snapshot(bounds, argb.clone());
    }

    public void restore(Snapshot s) {
        bounds = s.bounds;
        argb = s.argb.clone();
    }

    private void growTo(Rect newBounds) {
        if (newBounds.equals(bounds)) {
            return;
        }
        argb = crop(newBounds);
        bounds = newBounds;
    }

    /** An immutable copy of the layer. */
    public static final class Snapshot {
        private final Rect bounds;
        private final int[] argb;

        Snapshot(Rect bounds, int[] argb) {
            this.bounds = bounds;
            this.argb = argb;
        }

        public Rect bounds() {
            return bounds;
        }

        /** The pixels as an image, or null when the canvas was empty. */
        public RgbImage toImage() {
            return bounds.isEmpty() ? null : new RgbImage(bounds.width(), bounds.height(), argb);
        }

        public long bytes() {
            return argb.length * 4L;
        }
    }
}
