package studio.ui.canvas;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import studio.engine.api.GenerationRequest;
import studio.engine.api.GenerationRequest.Mode;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.ui.undo.Edit;
import studio.ui.undo.UndoStack;

/**
 * The canvas: picture and mask layers, the generation frame, the active tool and brush, and undo.
 * Commands are called by the canvas view (mouse) and the shortcuts; every change that a user would
 * want back goes on the undo stack. Revisions tell the view which layer to redraw.
 */
public final class CanvasViewModel {
    public static final int MIN_BRUSH = 1;
    public static final int MAX_BRUSH = 512;
    private static final int GRID = GenerationRequest.SIZE_MULTIPLE;

    private final ImageLayer image = new ImageLayer();
    private final MaskLayer mask = new MaskLayer();
    /**
     * The sketch the Scribble tool paints on, 1 = stroke, over the frames it was drawn in (it needs no
     * picture): the active ControlNet layer's, set by {@link #setScribbleTarget}.
     */
    private MaskLayer scribble = new MaskLayer();
    private final ReadOnlyIntegerWrapper scribbleRevision = new ReadOnlyIntegerWrapper(this, "scribbleRevision");
    private MaskLayer strokeLayer;
    private Rect strokeBounds;
    private final ObjectProperty<Rect> frame = new SimpleObjectProperty<>(this, "frame");
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.FRAME);
    private final IntegerProperty brushSize = new SimpleIntegerProperty(this, "brushSize", 32);
    private final DoubleProperty brushHardness = new SimpleDoubleProperty(this, "brushHardness", 0.7);
    private final ReadOnlyIntegerWrapper imageRevision = new ReadOnlyIntegerWrapper(this, "imageRevision");
    private final ReadOnlyIntegerWrapper maskRevision = new ReadOnlyIntegerWrapper(this, "maskRevision");
    /** True from a stroke's first dab to its end: its changes are one edit, finished when the stroke ends. */
    private final ReadOnlyBooleanWrapper stroking = new ReadOnlyBooleanWrapper(this, "stroking");
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(this, "mode", Mode.TXT2IMG);
    private final UndoStack undo = new UndoStack(100, 768L * 1024 * 1024);
    private final Viewport viewport = new Viewport();

    private Rect maskDirty;
    private Rect frameAtDragStart;
    private float[] maskAtStrokeStart;
    private Rect strokeArea;
    private double strokeX;
    private double strokeY;
    private boolean strokeErases;

    public CanvasViewModel() {
        GenerationRequest defaults = GenerationRequest.builder().build();
        frame.set(new Rect(0, 0, defaults.width(), defaults.height()));
        frame.addListener((o, a, b) -> updateMode());
        brushSize.addListener((o, a, b) -> {
            if (b.intValue() < MIN_BRUSH || b.intValue() > MAX_BRUSH) {
                brushSize.set(Math.max(MIN_BRUSH, Math.min(MAX_BRUSH, b.intValue())));
            }
        });
    }

    // ---- frame -------------------------------------------------------------------------------

    /** Moves the frame, snapped to the 8-pixel grid (no undo entry; drags record one at the end). */
    public void moveFrameTo(double x, double y) {
        Rect f = frame.get();
        frame.set(f.moveTo(snap(x), snap(y)));
    }

    /** Sets the frame's size in pixels, rounded to a multiple of 8 (size fields, presets, handles). */
    public void setFrameSize(int width, int height) {
        Rect f = frame.get();
        frame.set(new Rect(f.x(), f.y(), Math.max(GRID, snap(width)), Math.max(GRID, snap(height))));
    }

    /** Sets the frame from two opposite corners, snapped to the grid (resize handles). */
    public void setFrameCorners(double x0, double y0, double x1, double y1) {
        int l = snap(Math.min(x0, x1));
        int t = snap(Math.min(y0, y1));
        int r = Math.max(l + GRID, snap(Math.max(x0, x1)));
        int b = Math.max(t + GRID, snap(Math.max(y0, y1)));
        frame.set(new Rect(l, t, r - l, b - t));
    }

    /** Starts a frame drag; {@link #endFrameDrag()} records it as one undoable edit. */
    public void beginFrameDrag() {
        frameAtDragStart = frame.get();
    }

    public void endFrameDrag() {
        Rect before = frameAtDragStart;
        Rect after = frame.get();
        frameAtDragStart = null;
        if (before != null && !before.equals(after)) {
            String label = before.width() == after.width() && before.height() == after.height()
                    ? "move frame" : "resize frame";
            undo.push(Edit.of(label, 0, () -> frame.set(before), () -> frame.set(after)));
        }
    }

    private static int snap(double v) {
        return (int) Math.round(v / GRID) * GRID;
    }

    // ---- mask and scribble strokes -------------------------------------------------------------

    /**
     * Starts a brush or eraser stroke at canvas point (x, y): on the mask, or with the Scribble tool
     * on the control layer's scribble, which grows to cover the frame (a sketch needs no picture).
     */
    public void beginStroke(double x, double y, boolean erase) {
        strokeLayer = tool.get() == Tool.SCRIBBLE ? scribble : mask;
        if (strokeLayer == scribble) {
            Rect f = frame.get();
            scribble.resizeTo(scribble.bounds().isEmpty() ? f : scribble.bounds().union(f));
        }
        if (strokeLayer.bounds().isEmpty()) {
            return;
        }
        maskAtStrokeStart = strokeLayer.crop(strokeLayer.bounds());
        stroking.set(true);
        strokeBounds = strokeLayer.bounds();
        strokeErases = erase;
        strokeX = x;
        strokeY = y;
        strokeArea = MaskBrush.dab(strokeLayer, x, y, brushSize.get(), brushHardness.get(), erase);
        layerChanged(strokeLayer, strokeArea);
    }

    public void strokeTo(double x, double y) {
        if (maskAtStrokeStart == null) {
            return;
        }
        Rect touched = MaskBrush.line(strokeLayer, strokeX, strokeY, x, y, brushSize.get(), brushHardness.get(),
                strokeErases);
        strokeX = x;
        strokeY = y;
        strokeArea = strokeArea.union(touched);
        if (!touched.isEmpty()) {
            layerChanged(strokeLayer, touched);
        }
    }

    /** Ends the stroke and records the pixels it changed as one undoable edit. */
    public void endStroke() {
        if (maskAtStrokeStart == null) {
            return;
        }
        try {
            recordStroke();
        } finally {
            stroking.set(false);
        }
    }

    private void recordStroke() {
        MaskLayer layer = strokeLayer;
        Rect area = strokeArea.intersect(layer.bounds());
        Rect whole = strokeBounds;
        float[] start = maskAtStrokeStart;
        maskAtStrokeStart = null;
        if (area.isEmpty()) {
            return;
        }
        float[] before = new float[area.width() * area.height()];
        Rect.copyOverlap(start, whole, before, area);
        float[] after = layer.crop(area);
        String label = layer != mask ? (strokeErases ? "erase scribble" : "scribble stroke")
                : strokeErases ? "erase mask" : "mask stroke";
        undo.push(Edit.of(label, (before.length + after.length) * 4L,
                () -> writeLayer(layer, area, before), () -> writeLayer(layer, area, after)));
    }

    /** Puts layer values back; skipped if a later edit (undone first) left the layer smaller. */
    private void writeLayer(MaskLayer layer, Rect area, float[] values) {
        if (layer.bounds().contains(area)) {
            layer.write(area, values);
            layerChanged(layer, area);
        }
    }

    private void layerChanged(MaskLayer layer, Rect area) {
        if (layer != mask) { // a scribble, the shown one or (undo) another layer's
            scribbleRevision.set(scribbleRevision.get() + 1);
        } else {
            maskChanged(area);
        }
    }

    /** Wipes the scribble; undoable. */
    public void clearScribble() {
        MaskLayer layer = scribble; // undo puts it back on this layer, whichever is active then
        changeWholeLayer("clear scribble", layer, layer::clear);
    }

    /**
     * The scribble under the frame as a sketch: dark strokes on white (value 1 = black), what the
     * {@code scribble} preprocessor turns into white lines on black.
     */
    public RgbImage scribbleUnderFrame(MaskLayer layer) {
        Rect f = frame.get();
        float[] v = layer.crop(f);
        int[] px = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            int g = Math.round(255 * (1 - Math.min(1f, Math.max(0f, v[i]))));
            px[i] = 0xFF000000 | g << 16 | g << 8 | g;
        }
        return new RgbImage(f.width(), f.height(), px);
    }

    /**
     * Puts an autosaved scribble back into {@code layer} (no undo entry: a restored session starts a
     * new undo history); null values leave it empty.
     */
    public void restoreScribble(MaskLayer layer, int x, int y, GrayImage values) {
        if (values == null) {
            layer.resizeTo(new Rect(0, 0, 0, 0));
        } else {
            layer.replace(values, x, y);
        }
        scribbleRevision.set(scribbleRevision.get() + 1);
    }

    /** The scribble the Scribble tool paints on and the view shows; views read it, only view models change it. */
    public MaskLayer scribble() {
        return scribble;
    }

    /** Makes the Scribble tool paint on {@code layer} (a ControlNet layer's own scribble) and the view show it. */
    public void setScribbleTarget(MaskLayer layer) {
        if (layer != scribble) {
            scribble = java.util.Objects.requireNonNull(layer, "layer");
            scribbleRevision.set(scribbleRevision.get() + 1);
        }
    }

    public void clearMask() {
        changeWholeLayer("clear mask", mask, mask::clear);
    }

    public void invertMask() {
        changeWholeLayer("invert mask", mask, mask::invert);
    }

    /** Applies {@code change} to all of {@code layer} (the mask or a scribble) as one undoable edit. */
    private void changeWholeLayer(String label, MaskLayer layer, Runnable change) {
        Rect area = layer.bounds();
        if (area.isEmpty()) {
            return;
        }
        float[] before = layer.crop(area);
        change.run();
        float[] after = layer.crop(area);
        layerChanged(layer, area);
        undo.push(Edit.of(label, (before.length + after.length) * 4L,
                () -> writeLayer(layer, area, before), () -> writeLayer(layer, area, after)));
    }

    /** Brush one notch bigger ({@code ]}). */
    public void growBrush() {
        brushSize.set(Math.min(MAX_BRUSH, Math.max(brushSize.get() + 1, (int) Math.round(brushSize.get() * 1.25))));
    }

    /** Brush one notch smaller ({@code [}). */
    public void shrinkBrush() {
        brushSize.set(Math.max(MIN_BRUSH, Math.min(brushSize.get() - 1, (int) Math.round(brushSize.get() / 1.25))));
    }

    // ---- picture -----------------------------------------------------------------------------

    /** Puts an opened image on an empty canvas at the origin with the frame over it; undoable. */
    public void openImage(RgbImage picture) {
        changeLayers("open image", () -> {
            image.replace(picture, 0, 0);
            mask.resizeTo(new Rect(0, 0, 0, 0));
            mask.resizeTo(image.bounds());
            int w = Math.max(GRID, picture.width() / GRID * GRID);
            int h = Math.max(GRID, picture.height() / GRID * GRID);
            frame.set(new Rect(0, 0, Math.min(w, GenerationRequest.MAX_SIDE), Math.min(h, GenerationRequest.MAX_SIDE)));
        });
    }

    /** Commits a result to the canvas at {@code where} (an accepted candidate); undoable. */
    public void commit(RgbImage result, Rect where) {
        changeLayers("accept result", () -> {
            image.paste(result, where.x(), where.y());
            mask.resizeTo(image.bounds());
        });
    }

    /** Places an image on the canvas at the frame's corner and fits the frame to it (history: send to canvas). */
    public void place(RgbImage picture) {
        Rect f = frame.get();
        changeLayers("send to canvas", () -> {
            image.paste(picture, f.x(), f.y());
            mask.resizeTo(image.bounds());
            setFrameSize(picture.width(), picture.height());
        });
    }

    /** Restores layers and frame saved by the autosave; clears undo. */
    public void restore(RgbImage picture, int x, int y, GrayImage maskImage, Rect savedFrame) {
        if (picture == null) {
            image.clear();
        } else {
            image.replace(picture, x, y);
        }
        mask.resizeTo(new Rect(0, 0, 0, 0));
        if (maskImage != null && picture != null && maskImage.width() == picture.width()
                && maskImage.height() == picture.height()) {
            mask.replace(maskImage, x, y);
        } else {
            mask.resizeTo(image.bounds());
        }
        if (savedFrame != null) {
            frame.set(savedFrame);
        }
        undo.clear();
        imageChanged();
    }

    private void changeLayers(String label, Runnable change) {
        ImageLayer.Snapshot imageBefore = image.copy();
        GrayImage maskBefore = mask.toImage();
        Rect maskBoundsBefore = mask.bounds();
        Rect frameBefore = frame.get();
        change.run();
        imageChanged();
        ImageLayer.Snapshot imageAfter = image.copy();
        GrayImage maskAfter = mask.toImage();
        Rect maskBoundsAfter = mask.bounds();
        Rect frameAfter = frame.get();
        long bytes = imageBefore.bytes() + imageAfter.bytes() + maskBoundsBefore.area() * 4 + maskBoundsAfter.area() * 4;
        undo.push(Edit.of(label, bytes,
                () -> setLayers(imageBefore, maskBefore, maskBoundsBefore, frameBefore),
                () -> setLayers(imageAfter, maskAfter, maskBoundsAfter, frameAfter)));
    }

    private void setLayers(ImageLayer.Snapshot picture, GrayImage maskImage, Rect maskBounds, Rect f) {
        image.restore(picture);
        mask.resizeTo(new Rect(0, 0, 0, 0));
        if (maskImage != null) {
            mask.replace(maskImage, maskBounds.x(), maskBounds.y());
        }
        frame.set(f);
        imageChanged();
    }

    // ---- reading -----------------------------------------------------------------------------

    /** The init image, mask and mode for a request at the frame. */
    public FrameInputs frameInputs() {
        return FrameComposer.compose(image, mask, frame.get());
    }

    /** The picture layer; views read it, only this view model changes it. */
    public ImageLayer image() {
        return image;
    }

    public MaskLayer mask() {
        return mask;
    }

    /** The area the last mask change touched, or null when the whole mask must be redrawn. */
    public Rect maskDirty() {
        return maskDirty;
    }

    public void undo() {
        undo.undo();
    }

    public void redo() {
        undo.redo();
    }

    private void imageChanged() {
        imageRevision.set(imageRevision.get() + 1);
        maskChanged(null);
    }

    private void maskChanged(Rect area) {
        maskDirty = area;
        maskRevision.set(maskRevision.get() + 1);
        updateMode();
    }

    private void updateMode() {
        mode.set(FrameComposer.mode(image, mask, frame.get()));
    }

    public ObjectProperty<Rect> frameProperty() { return frame; }
    public ObjectProperty<Tool> toolProperty() { return tool; }
    public IntegerProperty brushSizeProperty() { return brushSize; }
    public DoubleProperty brushHardnessProperty() { return brushHardness; }
    public ReadOnlyIntegerProperty imageRevisionProperty() { return imageRevision.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty maskRevisionProperty() { return maskRevision.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty strokingProperty() { return stroking.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty scribbleRevisionProperty() { return scribbleRevision.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Mode> modeProperty() { return mode.getReadOnlyProperty(); }
    public UndoStack undoStack() { return undo; }
    public Viewport viewport() { return viewport; }
}
