package studio.ui.canvas;

import studio.engine.image.GrayImage;

/**
 * The inpaint mask: one value in [0, 1] per canvas pixel (1 = repaint) over {@link #bounds()},
 * which always equal the image layer's bounds (a mask only means something over pixels). Mutable
 * and confined to the FX thread.
 */
public final class MaskLayer {
    private Rect bounds = new Rect(0, 0, 0, 0);
    private float[] values = new float[0];

    public Rect bounds() {
        return bounds;
    }

    public float valueAt(int x, int y) {
        if (!bounds.contains(x, y)) {
            return 0f;
        }
        return values[(y - bounds.y()) * bounds.width() + (x - bounds.x())];
    }

    /** Moves the mask onto new bounds, keeping the values where old and new bounds overlap. */
    public void resizeTo(Rect newBounds) {
        if (newBounds.equals(bounds)) {
            return;
        }
        values = crop(newBounds);
        bounds = newBounds;
    }

    /** Values of {@code area}, row-major; 0 outside the mask. */
    public float[] crop(Rect area) {
        float[] out = new float[area.width() * area.height()];
        Rect.copyOverlap(values, bounds, out, area);
        return out;
    }

    /** Writes values into {@code area}, which must lie inside the mask (undo of a stroke). */
    public void write(Rect area, float[] region) {
        if (!bounds.contains(area)) {
            throw new IllegalArgumentException("region " + area + " is outside the mask " + bounds);
        }
        for (int row = 0; row < area.height(); row++) {
            System.arraycopy(region, row * area.width(), values,
                    (area.y() + row - bounds.y()) * bounds.width() + (area.x() - bounds.x()), area.width());
        }
    }

    /** True when no pixel of {@code area} asks to be repainted. */
    public boolean isEmptyIn(Rect area) {
        Rect overlap = area.intersect(bounds);
        for (int row = 0; row < overlap.height(); row++) {
            int base = (overlap.y() + row - bounds.y()) * bounds.width() + (overlap.x() - bounds.x());
            for (int i = 0; i < overlap.width(); i++) {
                if (values[base + i] > 0f) {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return isEmptyIn(bounds);
    }

    public void clear() {
        java.util.Arrays.fill(values, 0f);
    }

    public void invert() {
        for (int i = 0; i < values.length; i++) {
            values[i] = 1f - values[i];
        }
    }

    /** Raises (brush) or lowers (eraser) one value; painting never lowers with the brush. */
    void paint(int x, int y, float amount, boolean erase) {
        int i = (y - bounds.y()) * bounds.width() + (x - bounds.x());
        values[i] = erase ? Math.min(values[i], 1f - amount) : Math.max(values[i], amount);
    }

    /** The whole mask as an image, or null when there is no mask area. */
    public GrayImage toImage() {
        return bounds.isEmpty() ? null : new GrayImage(bounds.width(), bounds.height(), values);
    }

    /** Replaces the mask by this image placed at (x, y) (restore after restart). */
    public void replace(GrayImage image, int x, int y) {
        bounds = new Rect(x, y, image.width(), image.height());
        values = image.values();
    }
}
