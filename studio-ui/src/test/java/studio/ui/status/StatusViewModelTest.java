package studio.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;

class StatusViewModelTest {

    private static EngineEvent.Step step(int item, int i, int n, double seconds) {
        return new EngineEvent.Step(1, item, i, n, null, false, Duration.ofMillis(Math.round(seconds * 1000)));
    }

    @Test
    void stepSpeedAndTimeLeft() {
        StatusViewModel status = new StatusViewModel("CPU (test)");
        status.started(GenerationRequest.builder().size(512, 512).steps(20).build());
        assertEquals("Generating 512×512", status.messageProperty().get());
        assertEquals(-1, status.progressProperty().get(), "indeterminate until the first step");
        status.step(step(0, 1, 20, 5.0));   // the first step includes model loading
        status.step(step(0, 5, 20, 7.0));   // 4 steps in 2 s
        assertEquals("Step 5/20", status.stepTextProperty().get());
        assertEquals("2.00 it/s", status.speedTextProperty().get());
        assertEquals("ETA 0:07", status.etaTextProperty().get());
        assertEquals(0.25, status.progressProperty().get());
        assertEquals("CPU (test)", status.deviceProperty().get());
    }

    @Test
    void slowStepsReadAsSecondsPerStepAndBatchesCountAll() {
        StatusViewModel status = new StatusViewModel("CPU");
        status.started(GenerationRequest.builder().steps(10).batchSize(2).build());
        status.step(step(0, 1, 10, 4));
        status.step(step(1, 1, 10, 40));    // 10 steps in 36 s
        assertEquals("Step 1/10 · image 2/2", status.stepTextProperty().get());
        assertEquals("3.60 s/it", status.speedTextProperty().get());
        assertEquals("ETA 0:32", status.etaTextProperty().get());
        status.finished(new EngineEvent.Finished(1, List.of(), Duration.ofMillis(41_500)));
        assertEquals("0 images in 41.5 s", status.messageProperty().get());
        assertEquals("", status.etaTextProperty().get());
    }

    @Test
    void aJobWhoseStepsWereNotShownLeavesNoOlderStepTextBehind() {
        StatusViewModel status = new StatusViewModel("CPU");
        status.started(GenerationRequest.builder().steps(20).build());
        status.step(step(0, 20, 20, 2.0));
        status.finished(new EngineEvent.Finished(1, List.of(), Duration.ofMillis(2100)));
        assertEquals("Step 20/20", status.stepTextProperty().get(), "a finished job keeps its own last step");
        // a live generation: its fast steps are not shown, only its end
        status.finished(new EngineEvent.Finished(2, List.of(), Duration.ofMillis(300)));
        assertEquals("0 images in 0.3 s", status.messageProperty().get());
        assertEquals("", status.stepTextProperty().get());
        assertEquals("", status.speedTextProperty().get());
    }

    @Test
    void etaFormat() {
        assertEquals("0:05", ProgressTracker.format(Duration.ofSeconds(5)));
        assertEquals("12:00", ProgressTracker.format(Duration.ofMinutes(12)));
        assertEquals("1:01:01", ProgressTracker.format(Duration.ofSeconds(3661)));
        assertNull(new ProgressTracker(1).eta());
    }
}
