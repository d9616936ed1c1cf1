package studio.ui.canvas;

/**
 * Paints round dabs into a mask. Hardness is the share of the radius painted at full strength;
 * beyond it the dab fades out smoothly to the rim, which gives soft edges that blend into the image.
 */
public final class MaskBrush {
    private MaskBrush() {
    }

    /**
     * One dab centred on canvas point (cx, cy).
     *
     * @return the pixels it touched (empty when it missed the mask)
     */
    public static Rect dab(MaskLayer mask, double cx, double cy, double diameter, double hardness, boolean erase) {
        double r = Math.max(0.5, diameter / 2);
        double hard = r * Math.max(0, Math.min(1, hardness));
        int x0 = (int) Math.floor(cx - r);
        int y0 = (int) Math.floor(cy - r);
        int x1 = (int) Math.ceil(cx + r);
        int y1 = (int) Math.ceil(cy + r);
        Rect area = new Rect(x0, y0, x1 - x0, y1 - y0).intersect(mask.bounds());
        for (int y = area.y(); y < area.bottom(); y++) {
            for (int x = area.x(); x < area.right(); x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                float amount;
                if (d <= hard) {
                    amount = 1f;
                } else if (d >= r) {
                    continue;
                } else {
                    double t = 1 - (d - hard) / (r - hard);
                    amount = (float) (t * t * (3 - 2 * t));
                }
                mask.paint(x, y, amount, erase);
            }
        }
        return area;
    }

    /** Dabs spaced along the segment from (ax, ay) to (bx, by), not repeating the dab at its start. */
    public static Rect line(MaskLayer mask, double ax, double ay, double bx, double by,
                            double diameter, double hardness, boolean erase) {
        double length = Math.hypot(bx - ax, by - ay);
        double spacing = Math.max(1, diameter / 6);
        int n = Math.max(1, (int) Math.ceil(length / spacing));
        Rect touched = new Rect(0, 0, 0, 0);
        for (int i = 1; i <= n; i++) {
            double t = i / (double) n;
            touched = touched.union(dab(mask, ax + (bx - ax) * t, ay + (by - ay) * t, diameter, hardness, erase));
        }
        return touched;
    }
}
