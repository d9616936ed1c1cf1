package studio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;
import studio.engine.testing.GoldenWeights;

/** The ops composed from DJL primitives, against PyTorch's own. */
class OpsGoldenTest {
    @Test
    void groupNormMatchesTorchAtBothEpsilons() {
        Golden.File g = GoldenWeights.io("groupnorm");
        try (NDManager m = NDManager.newBaseManager()) {
            for (String c : new String[] {"c64", "c96"}) {
                NDArray x = GoldenWeights.array(g, c + ".x", m);
                NDArray w = GoldenWeights.array(g, c + ".weight", m);
                NDArray b = GoldenWeights.array(g, c + ".bias", m);
                for (String eps : new String[] {"1e-05", "1e-06"}) {
                    float[] out = Ops.groupNorm(x, 32, w, b, Float.parseFloat(eps)).toFloatArray();
                    double err = Golden.relativeError(out, g.floats(c + ".out_eps" + eps));
                    assertTrue(err < 1e-5, c + " eps " + eps + ": relative error " + err);
                }
            }
        }
    }

    @Test
    void nearestUpsamplingRepeatsEachPixelTwice() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);
            assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                    Ops.upsampleNearest2x(x).toFloatArray());
        }
    }
}
