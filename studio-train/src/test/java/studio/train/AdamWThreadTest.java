package studio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import studio.engine.model.RandomInit;
import studio.engine.nn.Linear;

/**
 * libtorch records gradients per thread, on by default, and DJL switches recording off only on the
 * thread that loads the engine. Training must work on any thread: a library user's worker, or a
 * command run after the engine was first used elsewhere (as in the app's test JVM, where it failed).
 */
class AdamWThreadTest {
    @Test
    void anUpdateWorksOnAThreadThatDidNotLoadTheEngine() throws Exception {
        Engine.getInstance(); // loaded on this thread, as the studio's engine thread or another command would
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            float[][] before = new float[1][];
            float[] after = other.submit(() -> {
                try (NDManager m = NDManager.newBaseManager()) {
                    Linear layer = new Linear(4, 3);
                    RandomInit.initialise(layer, m, 7);
                    var params = layer.parameters();
                    AdamW.requireGradients(params);
                    before[0] = params.get("weight").get().toFloatArray();
                    try (AdamW adam = new AdamW(params, 0.9f, 0.999f, 1e-8f, 0f)) {
                        NDArray x = m.ones(new Shape(2, 4));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.backward(layer.forward(x).square().sum());
                        }
                        adam.update(0.1f, 0f);
                        assertEquals(1, adam.step());
                    }
                    return params.get("weight").get().toFloatArray();
                }
            }).get();
            assertNotEquals(before[0][0], after[0], "the weights moved");
        } finally {
            other.shutdownNow();
        }
    }
}
