package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.model.DiffusionModel;

/**
 * Each request runs its ops on as many threads as its size pays for: the built-in model's small
 * frames on one, larger work on all the thread had, and a benchmark's own choice is left alone.
 */
class IntraOpThreadsTest extends OnDefaultModel {
    private static GenerationRequest request(int side) {
        return GenerationRequest.builder().prompt("red heart, noto style").size(side, side).steps(1).seed(3)
                .sampler("euler").previewEvery(0).build().validated();
    }

    @Test
    void theBuiltInModelsFramesRunOnOneThreadAndLargerWorkOnAllOfThem() throws Exception {
        DiffusionModel model = models.get(GenerationRequest.DEFAULT_MODEL).model();
        assertTrue(IntraOpThreads.work(model, List.of(), 64, 64) < IntraOpThreads.ONE_THREAD_BELOW,
                "the built-in model at 64x64 is small work");
        assertTrue(IntraOpThreads.work(model, List.of(), 256, 256) > IntraOpThreads.ONE_THREAD_BELOW,
                "16 times the latent positions is not");
        // On a thread of its own, as the engine's, so that the count it starts with is libtorch's default.
        int[] seen = new int[3];
        onNewThread(() -> {
            studio.engine.nn.Ops.inferenceOnThisThread();
            seen[0] = JniUtils.getNumThreads();
            generator.generate(request(64), Progress.NONE);
            seen[1] = JniUtils.getNumThreads();
            generator.generate(request(256), Progress.NONE);
            seen[2] = JniUtils.getNumThreads();
        });
        assertEquals(1, seen[1], "after a 64x64 request on the built-in model");
        assertEquals(seen[0], seen[2], "a 256x256 request gets the thread's whole count back");
    }

    @Test
    void aGeneratorThatKeepsTheCallersCountLeavesItAsSet() throws Exception {
        int[] seen = new int[2];
        onNewThread(() -> {
            studio.engine.nn.Ops.inferenceOnThisThread();
            seen[0] = JniUtils.getNumThreads();
            generator.withCallersThreadCount().generate(request(64), Progress.NONE);
            seen[1] = JniUtils.getNumThreads();
        });
        assumeTrue(seen[0] > 1, "this machine has one core: nothing to leave alone");
        assertEquals(seen[0], seen[1]);
    }

    /** Runs the body on a fresh thread, as the engine's is, and passes on what it throws. */
    private static void onNewThread(Runnable body) throws Exception {
        java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(body, null);
        new Thread(task, "test-engine").start();
        task.get();
    }
}
