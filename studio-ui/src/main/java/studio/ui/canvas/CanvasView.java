package studio.ui.canvas;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.binding.ObjectExpression;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import studio.engine.image.RgbImage;
import studio.ui.fx.FxImages;
import studio.ui.staging.Candidate;

/**
 * The infinite canvas: the picture, the mask as a translucent overlay, the generation frame with
 * resize handles, and the live preview or staged candidate inside the frame. Zoom with the wheel;
 * pan with the Move tool, space-drag or middle-drag. Mouse gestures become view-model commands.
 */
public final class CanvasView extends StackPane {
    private static final int MASK_RGB = 0xFF3B30;
    private static final double MASK_OPACITY = 0.55;
    private static final double HINT_OPACITY = 0.7;
    /** Scribble strokes in the accent yellow: visible on the dark canvas and on pictures. */
    private static final int SCRIBBLE_RGB = 0xFFD54F;
    private static final double HANDLE_PX = 9;

    private final CanvasViewModel vm;
    private final Viewport viewport;
    private final Pane surface = new Pane();
    private final Group world = new Group();
    private final ImageView imageView = new ImageView();
    private final ImageView maskView = new ImageView();
    private final ImageView scribbleView = new ImageView();
    private final ImageView hintView = new ImageView();
    private final ImageView candidateView = new ImageView();
    private final ImageView previewView = new ImageView();
    private final Rectangle frameRect = new Rectangle();
    private final Rectangle[] handles = new Rectangle[4];
    private final Circle brushCursor = new Circle();
    private final BooleanProperty spaceDown = new SimpleBooleanProperty(this, "spaceDown");
    private WritableImage maskImage;
    private WritableImage scribbleImage;
    private boolean fittedOnce;

    private enum Gesture { NONE, PAN, MOVE_FRAME, RESIZE_FRAME, NEW_FRAME, STROKE }

    private Gesture gesture = Gesture.NONE;
    private double lastX;
    private double lastY;
    private double grabDx;
    private double grabDy;
    private double anchorX;
    private double anchorY;

    public CanvasView(CanvasViewModel vm, ObjectExpression<Image> preview,
                      ObjectExpression<Rect> previewFrame, ObjectExpression<Candidate> candidate) {
        this.vm = vm;
        this.viewport = vm.viewport();
        getStyleClass().add("studio-canvas");
        setId("canvas");
        setMinSize(100, 100);

        Translate translate = new Translate();
        translate.xProperty().bind(viewport.translateXProperty());
        translate.yProperty().bind(viewport.translateYProperty());
        Scale scale = new Scale();
        scale.xProperty().bind(viewport.scaleProperty());
        scale.yProperty().bind(viewport.scaleProperty());
        world.getTransforms().setAll(translate, scale);

        imageView.setId("imageLayer");
        maskView.setId("maskLayer");
        maskView.setOpacity(1);
        candidateView.setId("candidate");
        previewView.setId("preview");
        scribbleView.setId("scribbleLayer");
        hintView.setId("hintOverlay");
        hintView.setOpacity(HINT_OPACITY);
        for (ImageView v : new ImageView[]{imageView, maskView, scribbleView, hintView, candidateView, previewView}) {
            v.smoothProperty().bind(viewport.scaleProperty().lessThan(1));
            v.setMouseTransparent(true);
        }

        frameRect.setId("frame");
        frameRect.setFill(Color.TRANSPARENT);
        frameRect.getStyleClass().add("generation-frame");
        frameRect.strokeWidthProperty().bind(Bindings.divide(2.0, viewport.scaleProperty()));
        frameRect.getStrokeDashArray().setAll(6.0, 4.0);
        frameRect.setStroke(Color.web("#4fa3ff"));
        frameRect.setMouseTransparent(true);
        for (int i = 0; i < handles.length; i++) {
            Rectangle h = new Rectangle();
            h.setFill(Color.web("#4fa3ff"));
            h.widthProperty().bind(Bindings.divide(HANDLE_PX, viewport.scaleProperty()));
            h.heightProperty().bind(h.widthProperty());
            h.setMouseTransparent(true);
            h.visibleProperty().bind(vm.toolProperty().isEqualTo(Tool.FRAME));
            handles[i] = h;
        }
        brushCursor.setFill(Color.TRANSPARENT);
        brushCursor.setStroke(Color.WHITE);
        brushCursor.strokeWidthProperty().bind(Bindings.divide(1.0, viewport.scaleProperty()));
        brushCursor.radiusProperty().bind(vm.brushSizeProperty().divide(2.0));
        brushCursor.setMouseTransparent(true);
        brushCursor.setVisible(false);

        world.getChildren().addAll(imageView, maskView, hintView, scribbleView, candidateView, previewView, frameRect);
        world.getChildren().addAll(handles);
        world.getChildren().add(brushCursor);
        surface.getChildren().add(world);
        surface.getStyleClass().add("canvas-surface");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(surface.widthProperty());
        clip.heightProperty().bind(surface.heightProperty());
        surface.setClip(clip);

        Label zoom = new Label();
        zoom.setId("zoomLabel");
        zoom.getStyleClass().add("zoom-label");
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(viewport.scaleProperty().get() * 100) + "%", viewport.scaleProperty()));
        zoom.setMouseTransparent(true);
        StackPane.setAlignment(zoom, Pos.BOTTOM_RIGHT);
        getChildren().addAll(surface, zoom);

        vm.frameProperty().addListener((o, a, b) -> placeFrame(b));
        placeFrame(vm.frameProperty().get());
        vm.imageRevisionProperty().addListener((o, a, b) -> redrawImage());
        vm.maskRevisionProperty().addListener((o, a, b) -> redrawMask(vm.maskDirty()));
        vm.scribbleRevisionProperty().addListener((o, a, b) -> redrawScribble());
        redrawImage();

        previewView.imageProperty().bind(preview);
        previewView.visibleProperty().bind(preview.isNotNull());
        previewFrame.addListener((o, a, b) -> place(previewView, b));
        candidate.addListener((o, a, b) -> showCandidate(b));
        candidateView.visibleProperty().bind(candidate.isNotNull().and(preview.isNull()));

        vm.toolProperty().addListener((o, a, b) -> updateCursor());
        spaceDown.addListener((o, a, b) -> updateCursor());
        updateCursor();

        surface.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        surface.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        surface.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        surface.addEventHandler(MouseEvent.MOUSE_EXITED, e -> brushCursor.setVisible(false));
        surface.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        surface.widthProperty().addListener((o, a, b) -> fitOnFirstLayout());
        surface.heightProperty().addListener((o, a, b) -> fitOnFirstLayout());
    }

    /** Shows the picture and the frame whole. */
    public void fit() {
        Rect content = vm.image().bounds().union(vm.frameProperty().get());
        viewport.fit(content, surface.getWidth(), surface.getHeight());
    }

    /** One canvas pixel per screen pixel. */
    public void actualSize() {
        viewport.actualSize(surface.getWidth(), surface.getHeight());
    }

    /** Held by the shortcuts while space is down: left-drag pans whatever the tool. */
    public BooleanProperty spaceDownProperty() {
        return spaceDown;
    }

    /** The node that receives the mouse (tests drive it; file drops land on it). */
    public Pane surface() {
        return surface;
    }

    private void fitOnFirstLayout() {
        if (!fittedOnce && surface.getWidth() > 0 && surface.getHeight() > 0) {
            fittedOnce = true;
            fit();
        }
    }

    // ---- drawing -----------------------------------------------------------------------------

    private void placeFrame(Rect f) {
        frameRect.setX(f.x());
        frameRect.setY(f.y());
        frameRect.setWidth(f.width());
        frameRect.setHeight(f.height());
        double[][] corners = {{f.x(), f.y()}, {f.right(), f.y()}, {f.x(), f.bottom()}, {f.right(), f.bottom()}};
        for (int i = 0; i < 4; i++) {
            Rectangle h = handles[i];
            h.xProperty().bind(h.widthProperty().divide(-2.0).add(corners[i][0]));
            h.yProperty().bind(h.heightProperty().divide(-2.0).add(corners[i][1]));
        }
    }

    private static void place(ImageView view, Rect r) {
        if (r == null) {
            return;
        }
        view.setX(r.x());
        view.setY(r.y());
        view.setFitWidth(r.width());
        view.setFitHeight(r.height());
    }

    private void showCandidate(Candidate c) {
        if (c == null) {
            candidateView.setImage(null);
            return;
        }
        candidateView.setImage(FxImages.toFx(c.image()));
        place(candidateView, c.target());
    }

    private void redrawImage() {
        RgbImage picture = vm.image().toImage();
        if (picture == null) {
            imageView.setImage(null);
        } else {
            imageView.setImage(FxImages.toFx(picture));
            Rect b = vm.image().bounds();
            imageView.setX(b.x());
            imageView.setY(b.y());
        }
        redrawMask(null);
    }

    private void redrawMask(Rect dirty) {
        MaskLayer mask = vm.mask();
        Rect b = mask.bounds();
        if (b.isEmpty()) {
            maskImage = null;
            maskView.setImage(null);
            return;
        }
        if (maskImage == null || dirty == null || maskImage.getWidth() != b.width() || maskImage.getHeight() != b.height()) {
            maskImage = new WritableImage(b.width(), b.height());
            dirty = b;
            maskView.setImage(maskImage);
        }
        maskView.setX(b.x());
        maskView.setY(b.y());
        Rect area = dirty.intersect(b);
        if (area.isEmpty()) {
            return;
        }
        float[] values = mask.crop(area);
        int[] argb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int alpha = Math.round(values[i] * (float) MASK_OPACITY * 255);
            argb[i] = alpha << 24 | MASK_RGB;
        }
        maskImage.getPixelWriter().setPixels(area.x() - b.x(), area.y() - b.y(), area.width(), area.height(),
                PixelFormat.getIntArgbInstance(), argb, 0, area.width());
    }

    /**
     * The ControlNet's preprocessed hint over the frame while {@code hint} holds one (the control
     * layer's "show hint" toggle); the scribble itself is drawn in the accent colour above it.
     */
    public void bindHint(javafx.beans.value.ObservableValue<Image> hint) {
        hintView.imageProperty().bind(hint);
        hintView.visibleProperty().bind(Bindings.isNotNull(hintView.imageProperty()));
        vm.frameProperty().addListener((o, a, b) -> place(hintView, b));
        place(hintView, vm.frameProperty().get());
    }

    /** Whole redraws: a scribble is as small as the frames it was drawn in. */
    private void redrawScribble() {
        MaskLayer scribble = vm.scribble();
        Rect b = scribble.bounds();
        if (b.isEmpty()) {
            scribbleView.setImage(null);
            return;
        }
        if (scribbleImage == null || scribbleImage.getWidth() != b.width() || scribbleImage.getHeight() != b.height()) {
            scribbleImage = new WritableImage(b.width(), b.height());
            scribbleView.setImage(scribbleImage);
        }
        scribbleView.setX(b.x());
        scribbleView.setY(b.y());
        float[] values = scribble.crop(b);
        int[] argb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            argb[i] = Math.round(values[i] * 255) << 24 | SCRIBBLE_RGB;
        }
        scribbleImage.getPixelWriter().setPixels(0, 0, b.width(), b.height(), PixelFormat.getIntArgbInstance(), argb, 0,
                b.width());
    }

    private void updateCursor() {
        Tool t = vm.toolProperty().get();
        if (spaceDown.get() || t == Tool.MOVE) {
            surface.setCursor(gesture == Gesture.PAN ? Cursor.CLOSED_HAND : Cursor.OPEN_HAND);
        } else if (t == Tool.BRUSH || t == Tool.ERASER || t == Tool.SCRIBBLE) {
            surface.setCursor(Cursor.NONE);
        } else {
            surface.setCursor(Cursor.DEFAULT);
        }
    }

    // ---- gestures ----------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        surface.requestFocus();
        lastX = e.getX();
        lastY = e.getY();
        double cx = viewport.toCanvasX(e.getX());
        double cy = viewport.toCanvasY(e.getY());
        Tool tool = vm.toolProperty().get();
        if (e.getButton() == MouseButton.MIDDLE
                || (e.getButton() == MouseButton.PRIMARY && (spaceDown.get() || tool == Tool.MOVE))) {
            gesture = Gesture.PAN;
        } else if (tool == Tool.SCRIBBLE && (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.SECONDARY)) {
            gesture = Gesture.STROKE;
            vm.beginStroke(cx, cy, e.getButton() == MouseButton.SECONDARY);
        } else if (e.getButton() != MouseButton.PRIMARY) {
            gesture = Gesture.NONE;
        } else if (tool == Tool.BRUSH || tool == Tool.ERASER) {
            gesture = Gesture.STROKE;
            vm.beginStroke(cx, cy, tool == Tool.ERASER);
        } else {
            Rect f = vm.frameProperty().get();
            vm.beginFrameDrag();
            int corner = cornerUnder(e.getX(), e.getY(), f);
            if (corner >= 0) {
                gesture = Gesture.RESIZE_FRAME;
                anchorX = (corner & 1) == 0 ? f.right() : f.x();
                anchorY = (corner & 2) == 0 ? f.bottom() : f.y();
            } else if (f.contains((int) Math.floor(cx), (int) Math.floor(cy))) {
                gesture = Gesture.MOVE_FRAME;
                grabDx = cx - f.x();
                grabDy = cy - f.y();
            } else {
                gesture = Gesture.NEW_FRAME;
                anchorX = cx;
                anchorY = cy;
            }
        }
        updateCursor();
        e.consume();
    }

    private void dragged(MouseEvent e) {
        double cx = viewport.toCanvasX(e.getX());
        double cy = viewport.toCanvasY(e.getY());
        switch (gesture) {
            case PAN -> viewport.panBy(e.getX() - lastX, e.getY() - lastY);
            case STROKE -> vm.strokeTo(cx, cy);
            case MOVE_FRAME -> vm.moveFrameTo(cx - grabDx, cy - grabDy);
            case RESIZE_FRAME -> vm.setFrameCorners(anchorX, anchorY, cx, cy);
            case NEW_FRAME -> {
                if (Math.abs(e.getX() - lastX) + Math.abs(e.getY() - lastY) > 0) {
                    vm.setFrameCorners(anchorX, anchorY, cx, cy);
                }
            }
            default -> {
            }
        }
        if (gesture == Gesture.PAN) {
            lastX = e.getX();
            lastY = e.getY();
        }
        moveBrushCursor(cx, cy);
        e.consume();
    }

    private void released(MouseEvent e) {
        switch (gesture) {
            case STROKE -> vm.endStroke();
            case MOVE_FRAME, RESIZE_FRAME, NEW_FRAME -> vm.endFrameDrag();
            default -> {
            }
        }
        gesture = Gesture.NONE;
        updateCursor();
        e.consume();
    }

    private void moved(MouseEvent e) {
        moveBrushCursor(viewport.toCanvasX(e.getX()), viewport.toCanvasY(e.getY()));
    }

    private void moveBrushCursor(double cx, double cy) {
        Tool t = vm.toolProperty().get();
        brushCursor.setVisible((t == Tool.BRUSH || t == Tool.ERASER || t == Tool.SCRIBBLE) && !spaceDown.get());
        brushCursor.setCenterX(cx);
        brushCursor.setCenterY(cy);
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        viewport.zoomAt(Math.pow(1.0025, e.getDeltaY()), e.getX(), e.getY());
        e.consume();
    }

    /** Which frame corner (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) is under a screen point. */
    private int cornerUnder(double sx, double sy, Rect f) {
        double[][] corners = {{f.x(), f.y()}, {f.right(), f.y()}, {f.x(), f.bottom()}, {f.right(), f.bottom()}};
        for (int i = 0; i < 4; i++) {
            double dx = viewport.toScreenX(corners[i][0]) - sx;
            double dy = viewport.toScreenY(corners[i][1]) - sy;
            if (Math.abs(dx) <= HANDLE_PX && Math.abs(dy) <= HANDLE_PX) {
                return i;
            }
        }
        return -1;
    }
}
