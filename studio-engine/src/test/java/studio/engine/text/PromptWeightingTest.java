package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class PromptWeightingTest {
    private static final int TOKENS = 77;
    private static final int WIDTH = 16;

    @Test
    void scalesEachTokenByItsWeightThenRestoresTheMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            JniUtils.setSeed(7);
            NDArray hidden = manager.randomNormal(new Shape(1, TOKENS, WIDTH)).add(0.3f);
            float[] weights = ClipTokenizerTest.filled(TOKENS, 1f);
            weights[3] = 1.5f;
            weights[4] = 1.21f;
            weights[10] = 0.5f;

            NDArray result = PromptWeighting.apply(hidden, weights);

            float[] h = hidden.toFloatArray();
            double mean = 0;
            double weightedMean = 0;
            for (int i = 0; i < h.length; i++) {
                mean += h[i];
                weightedMean += h[i] * weights[i / WIDTH];
            }
            double rescale = mean / weightedMean;
            float[] expected = new float[h.length];
            for (int i = 0; i < h.length; i++) {
                expected[i] = (float) (h[i] * weights[i / WIDTH] * rescale);
            }
            assertEquals(hidden.getShape(), result.getShape());
            assertEquals(DataType.FLOAT32, result.getDataType());
            assertArrayEquals(expected, result.toFloatArray(), 1e-5f);
            assertEquals(hidden.mean().getFloat(), result.mean().getFloat(), 1e-6f);
        }
    }

    @Test
    void unitWeightsLeaveTheHiddenStatesUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            JniUtils.setSeed(3);
            NDArray hidden = manager.randomNormal(new Shape(2, TOKENS, WIDTH));
            NDArray result = PromptWeighting.apply(hidden, ClipTokenizerTest.filled(TOKENS, 1f));
            assertArrayEquals(hidden.toFloatArray(), result.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void refusesWeightsThatDoNotMatchTheTokenAxis() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hidden = manager.zeros(new Shape(1, TOKENS, WIDTH));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PromptWeighting.apply(hidden, new float[75]));
            assertEquals("prompt weighting expects hidden states (B, 75, D) for 75 weights, got (1, 77, 16)",
                    e.getMessage());
        }
    }
}
