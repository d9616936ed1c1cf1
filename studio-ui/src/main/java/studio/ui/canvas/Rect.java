package studio.ui.canvas;

/** An integer rectangle in canvas (document) pixels: the frame, a layer's bounds, a dirty region. */
public record Rect(int x, int y, int width, int height) {

    public Rect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("rectangle size must not be negative, got " + width + "x" + height);
        }
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    public long area() {
        return (long) width * height;
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < right() && py < bottom();
    }

    public boolean contains(Rect other) {
        return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
    }

    /** The overlap of both rectangles; empty (at this rectangle's origin) when they do not meet. */
    public Rect intersect(Rect other) {
        int l = Math.max(x, other.x);
        int t = Math.max(y, other.y);
        int r = Math.min(right(), other.right());
        int b = Math.min(bottom(), other.bottom());
        if (r <= l || b <= t) {
            return new Rect(x, y, 0, 0);
        }
        return new Rect(l, t, r - l, b - t);
    }

    /**
     * Copies the rows where {@code from} and {@code to} overlap out of {@code src}, the row-major pixels
     * covering {@code from}, into {@code dst}, those covering {@code to}: the layers' crop and resize,
     * on their {@code int[]} or {@code float[]} pixels.
     */
    static void copyOverlap(Object src, Rect from, Object dst, Rect to) {
        Rect overlap = to.intersect(from);
        for (int row = 0; row < overlap.height(); row++) {
            int y = overlap.y() + row;
            System.arraycopy(src, (y - from.y()) * from.width() + (overlap.x() - from.x()),
                    dst, (y - to.y()) * to.width() + (overlap.x() - to.x()), overlap.width());
        }
    }

    /** The smallest rectangle holding both; an empty one does not count. */
    public Rect union(Rect other) {
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return this;
        }
        int l = Math.min(x, other.x);
        int t = Math.min(y, other.y);
        int r = Math.max(right(), other.right());
        int b = Math.max(bottom(), other.bottom());
        return new Rect(l, t, r - l, b - t);
    }

    public Rect moveTo(int nx, int ny) {
        return new Rect(nx, ny, width, height);
    }

    public Rect translate(int dx, int dy) {
        return new Rect(x + dx, y + dy, width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + x + "," + y;
    }
}
