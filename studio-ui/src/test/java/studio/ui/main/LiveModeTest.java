package studio.ui.main;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import studio.engine.api.EngineEvent;
import studio.engine.image.RgbImage;

/** Live runs of fast models keep the last result in the frame; slow ones show their steps. */
class LiveModeTest {
    private static final RgbImage PREVIEW = RgbImage.filled(8, 8, 0x808080);

    @Test
    void stepPreviewsShowOnlyWhenTheStepsAreSlow() {
        assertFalse(LiveMode.showsStepPreview(step(3, Duration.ofMillis(180))), "60 ms a step: the built-in model");
        assertFalse(LiveMode.showsStepPreview(step(1, Duration.ofMillis(499))));
        assertTrue(LiveMode.showsStepPreview(step(1, Duration.ofMillis(500))));
        assertTrue(LiveMode.showsStepPreview(step(2, Duration.ofSeconds(36))), "18 s a step: SD 1.5 at 512x512 here");
    }

    private static EngineEvent.Step step(int step, Duration elapsed) {
        return new EngineEvent.Step(1, 0, step, 8, PREVIEW, false, elapsed);
    }
}
