package studio.app.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The speed of the op that dominates a U-Net step, measured in the same run as the step: a 320→320
 * channel 3×3 convolution on a 64×64 map, batch 2 (SD 1.5's first level at 512×512, guided). The
 * step's FLOP count divided by this rate is the floor the step is compared with, so the comparison
 * holds whatever else the machine is doing at the time.
 */
final class ConvReference {
    private ConvReference() {
    }

    static double gflops() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(1);
            NDArray x = m.randomNormal(new Shape(2, 320, 64, 64));
            NDArray w = m.randomNormal(new Shape(320, 320, 3, 3)).mul(0.02f);
            NDArray b = m.zeros(new Shape(320));
            double flop = 2.0 * 2 * 320 * 64 * 64 * 320 * 9;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 6; i++) {
                long t0 = System.nanoTime();
                try (NDManager s = m.newSubManager()) {
                    NDArray y = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
                    y.close();
                }
                long t1 = System.nanoTime();
                if (i > 0) {
                    best = Math.min(best, (t1 - t0) / 1e9);
                }
            }
            return flop / best / 1e9;
        }
    }
}
