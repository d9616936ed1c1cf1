package studio.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest.Mode;
import studio.engine.image.RgbImage;

/** The canvas view model without a window: flows from the frame's place, strokes, tools' commands and undo. */
class CanvasViewModelTest {
    private final CanvasViewModel canvas = new CanvasViewModel();

    private static RgbImage grey(int w, int h, int v) {
        return RgbImage.filled(w, h, v << 16 | v << 8 | v);
    }

    @Test
    void theFramesPlaceChoosesTheFlow() {
        assertEquals(Mode.TXT2IMG, canvas.modeProperty().get(), "an empty canvas");
        canvas.openImage(grey(64, 64, 100));
        assertEquals(new Rect(0, 0, 64, 64), canvas.frameProperty().get(), "the frame goes over an opened picture");
        assertEquals(Mode.IMG2IMG, canvas.modeProperty().get());
        canvas.beginStroke(32, 32, false);
        canvas.endStroke();
        assertEquals(Mode.INPAINT, canvas.modeProperty().get());
        canvas.moveFrameTo(32, 0);
        assertEquals(Mode.OUTPAINT, canvas.modeProperty().get());
        canvas.moveFrameTo(200, 200);
        assertEquals(Mode.TXT2IMG, canvas.modeProperty().get(), "a frame beside the picture starts fresh");
        canvas.moveFrameTo(0, 0);
        canvas.clearMask();
        assertEquals(Mode.IMG2IMG, canvas.modeProperty().get(), "a cleared mask is no mask");
    }

    @Test
    void frameSnapsToTheGridAndDragsAreOneUndo() {
        canvas.beginFrameDrag();
        canvas.moveFrameTo(13, 21);
        canvas.moveFrameTo(35, 43);
        canvas.endFrameDrag();
        assertEquals(new Rect(32, 40, 64, 64), canvas.frameProperty().get());
        assertEquals("move frame", canvas.undoStack().undoLabelProperty().get());
        canvas.setFrameCorners(99, 99, 3, 1);
        assertEquals(new Rect(0, 0, 96, 96), canvas.frameProperty().get(), "corners in any order, snapped");
        canvas.undo();
        assertEquals(new Rect(0, 0, 64, 64), canvas.frameProperty().get());
        canvas.redo();
        assertEquals(new Rect(32, 40, 64, 64), canvas.frameProperty().get());
    }

    @Test
    void strokesPaintAndEraseAndUndoExactly() {
        canvas.openImage(grey(64, 64, 50));
        canvas.brushSizeProperty().set(10);
        canvas.brushHardnessProperty().set(1);
        canvas.beginStroke(10, 10, false);
        canvas.strokeTo(50, 10);
        canvas.endStroke();
        assertEquals(1f, canvas.mask().valueAt(30, 10));
        assertEquals(0f, canvas.mask().valueAt(30, 30));
        canvas.toolProperty().set(Tool.ERASER);
        canvas.beginStroke(30, 10, true);
        canvas.endStroke();
        assertEquals(0f, canvas.mask().valueAt(30, 10), "the eraser lowers the mask");
        assertEquals(1f, canvas.mask().valueAt(12, 10));
        assertEquals("erase mask", canvas.undoStack().undoLabelProperty().get());
        canvas.undo();
        assertEquals(1f, canvas.mask().valueAt(30, 10));
        canvas.undo();
        assertTrue(canvas.mask().isEmpty());
        canvas.redo();
        assertEquals(1f, canvas.mask().valueAt(30, 10));
    }

    @Test
    void strokesOutsideThePictureDoNothing() {
        canvas.beginStroke(10, 10, false);
        canvas.endStroke();
        assertFalse(canvas.undoStack().canUndoProperty().get(), "no picture, no mask");
    }

    @Test
    void invertAndClearAreUndoable() {
        canvas.openImage(grey(16, 16, 50));
        canvas.invertMask();
        assertEquals(1f, canvas.mask().valueAt(3, 3));
        assertEquals(Mode.INPAINT, canvas.modeProperty().get(), "everything is to be repainted");
        canvas.clearMask();
        assertTrue(canvas.mask().isEmpty());
        canvas.undo();
        assertEquals(1f, canvas.mask().valueAt(3, 3));
        canvas.undo();
        assertTrue(canvas.mask().isEmpty());
    }

    @Test
    void brushSizeStepsAndStaysInRange() {
        canvas.brushSizeProperty().set(32);
        canvas.shrinkBrush();
        assertEquals(26, canvas.brushSizeProperty().get());
        canvas.growBrush();
        assertEquals(33, canvas.brushSizeProperty().get());
        canvas.brushSizeProperty().set(1);
        canvas.shrinkBrush();
        assertEquals(CanvasViewModel.MIN_BRUSH, canvas.brushSizeProperty().get());
        canvas.brushSizeProperty().set(10_000);
        assertEquals(CanvasViewModel.MAX_BRUSH, canvas.brushSizeProperty().get());
        canvas.growBrush();
        assertEquals(CanvasViewModel.MAX_BRUSH, canvas.brushSizeProperty().get());
    }

    @Test
    void acceptedResultsGrowTheCanvasAndKeepTheMaskInPlace() {
        canvas.openImage(grey(64, 64, 50));
        canvas.brushHardnessProperty().set(1);
        canvas.beginStroke(8, 8, false);
        canvas.endStroke();
        canvas.commit(grey(64, 64, 200), new Rect(32, 32, 64, 64));
        assertEquals(new Rect(0, 0, 96, 96), canvas.image().bounds());
        assertEquals(0, canvas.image().argbAt(80, 10) >>> 24, "a corner the result did not reach stays empty");
        assertEquals(0xFFC8C8C8, canvas.image().argbAt(80, 80));
        assertEquals(0xFF323232, canvas.image().argbAt(10, 10));
        assertEquals(1f, canvas.mask().valueAt(8, 8), "the mask stays over the same pixels");
        assertEquals("accept result", canvas.undoStack().undoLabelProperty().get());
        canvas.undo();
        assertEquals(new Rect(0, 0, 64, 64), canvas.image().bounds());
        canvas.undo();
        canvas.undo();
        assertNull(canvas.image().toImage(), "back to the empty canvas");
    }

    @Test
    void sendToCanvasPlacesAtTheFrameAndFitsTheFrame() {
        canvas.moveFrameTo(16, 16);
        canvas.place(grey(32, 48, 90));
        assertEquals(new Rect(16, 16, 32, 48), canvas.image().bounds());
        assertEquals(new Rect(16, 16, 32, 48), canvas.frameProperty().get());
        assertEquals(Mode.IMG2IMG, canvas.modeProperty().get());
    }
}
