package studio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A fresh engine thread — the studio's worker — can turn gradient recording off as its first act. */
class InferenceModeTest {
    @Test
    void aNewThreadTurnsGradientsOffBeforeMakingAnyTensor() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> gradMode = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Ops.inferenceOnThisThread();
                gradMode.set(JniUtils.isGradMode());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        worker.join();
        if (failure.get() != null) {
            throw new AssertionError("turning gradients off failed on a new thread", failure.get());
        }
        assertFalse(gradMode.get());
    }
}
