package studio.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** A mirrored draw is the latent reversed along its width, row by row and channel by channel. */
class LatentMirrorTest {
    @Test
    void mirroredSamplesAreTheLatentReversedLeftToRight() {
        long[] shape = {2, 2, 3};
        float[] mean = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        LatentBank bank = LatentBank.of(new float[][] {mean}, new float[][] {new float[12]}, shape);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] plain = bank.sample(m, new int[] {0, 0}, new boolean[] {false, true}, 2f).toFloatArray();
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24,
                    6, 4, 2, 12, 10, 8, 18, 16, 14, 24, 22, 20}, plain, 0f);
        }
    }
}
