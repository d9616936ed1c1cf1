package studio.ui.canvas;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * Where the infinite canvas sits on screen: {@code screen = canvas * scale + translate}.
 * Zoom keeps the point under the cursor still.
 */
public final class Viewport {
    public static final double MIN_SCALE = 1 / 32.0;
    public static final double MAX_SCALE = 32;

    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1);
    private final DoubleProperty translateX = new SimpleDoubleProperty(this, "translateX", 0);
    private final DoubleProperty translateY = new SimpleDoubleProperty(this, "translateY", 0);

    public double toCanvasX(double screenX) {
        return (screenX - translateX.get()) / scale.get();
    }

    public double toCanvasY(double screenY) {
        return (screenY - translateY.get()) / scale.get();
    }

    public double toScreenX(double canvasX) {
        return canvasX * scale.get() + translateX.get();
    }

    public double toScreenY(double canvasY) {
        return canvasY * scale.get() + translateY.get();
    }

    public void panBy(double dx, double dy) {
        translateX.set(translateX.get() + dx);
        translateY.set(translateY.get() + dy);
    }

    /** Multiplies the zoom by {@code factor}, keeping screen point (sx, sy) over the same canvas point. */
    public void zoomAt(double factor, double sx, double sy) {
        double old = scale.get();
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, old * factor));
        translateX.set(sx - (sx - translateX.get()) * next / old);
        translateY.set(sy - (sy - translateY.get()) * next / old);
        scale.set(next);
    }

    /** Shows {@code content} whole and centred in a view of this size, with a margin. */
    public void fit(Rect content, double viewWidth, double viewHeight) {
        if (content.isEmpty() || viewWidth <= 0 || viewHeight <= 0) {
            return;
        }
        double margin = 32;
        double s = Math.min((viewWidth - 2 * margin) / content.width(), (viewHeight - 2 * margin) / content.height());
        s = Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
        scale.set(s);
        translateX.set((viewWidth - content.width() * s) / 2 - content.x() * s);
        translateY.set((viewHeight - content.height() * s) / 2 - content.y() * s);
    }

    /** One canvas pixel per screen pixel, keeping the view's centre still. */
    public void actualSize(double viewWidth, double viewHeight) {
        zoomAt(1 / scale.get(), viewWidth / 2, viewHeight / 2);
    }

    public DoubleProperty scaleProperty() { return scale; }
    public DoubleProperty translateXProperty() { return translateX; }
    public DoubleProperty translateYProperty() { return translateY; }
}
