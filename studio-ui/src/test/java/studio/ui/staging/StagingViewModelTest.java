package studio.ui.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.canvas.Rect;

class StagingViewModelTest {
    private final CanvasViewModel canvas = new CanvasViewModel();
    private final StagingViewModel staging = new StagingViewModel(canvas);

    private static Candidate candidate(int rgb, Rect target) {
        return new Candidate(RgbImage.filled(target.width(), target.height(), rgb),
                GenerationRequest.builder().seed(rgb).build(), null, target);
    }

    @Test
    void stepsThroughABatchAndWrapsAround() {
        Rect frame = new Rect(0, 0, 16, 16);
        staging.add(List.of(candidate(1, frame), candidate(2, frame), candidate(3, frame)));
        assertTrue(staging.activeProperty().get());
        assertEquals("1 / 3", staging.positionProperty().get());
        staging.previous();
        assertEquals("3 / 3", staging.positionProperty().get());
        staging.next();
        staging.next();
        assertEquals(2, staging.currentProperty().get().parameters().seed());
    }

    @Test
    void discardShowsTheNextAndTheLastDiscardEndsStaging() {
        Rect frame = new Rect(0, 0, 16, 16);
        staging.add(List.of(candidate(1, frame), candidate(2, frame)));
        staging.next();
        staging.discard();
        assertEquals("1 / 1", staging.positionProperty().get());
        assertEquals(1, staging.currentProperty().get().parameters().seed());
        staging.discard();
        assertFalse(staging.activeProperty().get());
        assertNull(staging.currentProperty().get());
        assertNull(canvas.image().toImage(), "discarding never touches the canvas");
    }

    @Test
    void acceptCommitsWhereTheFrameWasAtGenerationAndIsUndoable() {
        Rect then = new Rect(8, 8, 16, 16);
        staging.add(List.of(candidate(0x123456, then)));
        canvas.moveFrameTo(100, 100);
        staging.accept();
        assertFalse(staging.activeProperty().get());
        assertEquals(then, canvas.image().bounds(), "placed where it was generated, not where the frame is now");
        assertEquals(0xFF123456, canvas.image().argbAt(8, 8));
        canvas.undo();
        assertTrue(canvas.image().isEmpty());
    }

    @Test
    void aNewBatchIsAddedBehindTheOneShown() {
        Rect frame = new Rect(0, 0, 16, 16);
        staging.add(List.of(candidate(1, frame)));
        staging.add(List.of(candidate(2, frame), candidate(3, frame)));
        assertEquals(3, staging.candidates().size());
        assertEquals(2, staging.currentProperty().get().parameters().seed(), "the newest batch is shown first");
    }
}
