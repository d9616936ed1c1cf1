package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.api.Progress;

/**
 * At real size one step takes seconds, so Cancel is honoured between the U-Net's blocks, not only
 * between steps: a cancellation raised inside the first step unwinds the generation before that step
 * reports.
 */
class CancelWithinStepTest extends OnDefaultModel {
    @Test
    void cancellationInsideTheFirstStepUnwindsBeforeItEnds() {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger steps = new AtomicInteger();
        int cancelAt = 5; // a few blocks into the first U-Net pass
        Progress progress = new Progress() {
            @Override
            public boolean wantsPreviews() {
                return false;
            }

            @Override
            public void step(int batchIndex, int step, int totalSteps, Preview preview) {
                steps.incrementAndGet();
            }

            @Override
            public void checkCancelled() {
                if (checks.incrementAndGet() >= cancelAt) {
                    throw new CancelledException();
                }
            }
        };
        GenerationRequest request = GenerationRequest.builder().prompt("red apple, noto style").steps(20).seed(3)
                .sampler("euler").build().validated();
        assertThrows(Progress.CancelledException.class, () -> generator.generate(request, progress));
        assertEquals(0, steps.get(), "no step may finish after the cancel");
        assertEquals(cancelAt, checks.get());
    }

    @Test
    void everyBlockOfAPassIsACancellationPoint() {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger firstStepChecks = new AtomicInteger(-1);
        Progress counting = new Progress() {
            @Override
            public boolean wantsPreviews() {
                return false;
            }

            @Override
            public void step(int batchIndex, int step, int totalSteps, Preview preview) {
                if (step == 1) {
                    firstStepChecks.set(checks.get());
                }
            }

            @Override
            public void checkCancelled() {
                checks.incrementAndGet();
            }
        };
        GenerationRequest request = GenerationRequest.builder().prompt("blue heart").steps(2).seed(3).sampler("euler")
                .build().validated();
        generator.generate(request, counting);
        var unet = models.get(GenerationRequest.DEFAULT_MODEL).model().unet();
        int blocks = unet.blockCount();
        // one check per input, middle and output block of the one guided pass of step 1, plus the
        // batch-item check before it
        assertTrue(firstStepChecks.get() >= blocks, firstStepChecks.get() + " checks for " + blocks + " blocks");
    }
}
