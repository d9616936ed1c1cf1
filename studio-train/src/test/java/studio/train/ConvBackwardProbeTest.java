package studio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Probe behind the training loops' habit of dropping steps with a non-finite gradient: libtorch 2.7.1's
 * CPU convolution backward sometimes returns NaN input gradients for finite inputs (it reads memory it
 * never wrote). The probe prints how often, checks what makes dropping enough (whenever the gradient is
 * finite it is the right one: two passes over the same input, with memory churn between them, agree),
 * and that {@link ZeroFilledAllocations} stops the NaN ones. Opt-in, as it measures a rate rather than
 * guarding the product: {@code -Dstudio.probes=true -Dtest=ConvBackwardProbeTest}.
 */
@EnabledIfSystemProperty(named = "studio.probes", matches = "true")
class ConvBackwardProbeTest {
    private static final int PASSES = 300;

    private static NDArray inputGradient(NDArray input, NDArray w, NDArray b, NDArray target) {
        NDArray x = input.duplicate();
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).get(0);
            gc.backward(out.sub(target).abs().mean());
        }
        return x.getGradient().duplicate();
    }

    /** Pairs of passes with a NaN gradient; fails if a finite pair disagrees. */
    private static int nanPairs(NDManager m, String mode) {
        Engine.getInstance().setRandomSeed(5);
        // The autoencoder's conv_out: 32 channels in, 3 out, at 32×32 (the training crop).
        NDArray w = m.randomNormal(new Shape(3, 32, 3, 3)).mul(0.05f);
        NDArray b = m.zeros(new Shape(3));
        NDArray target = m.randomNormal(new Shape(4, 3, 32, 32));
        int nan = 0;
        int disagreeing = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            try (NDScope scope = new NDScope()) {
                NDArray x = m.randomNormal(new Shape(4, 32, 32, 32));
                NDArray first = inputGradient(x, w, b, target);
                m.randomNormal(new Shape(4, 32, 32, 32)).mul(1e30f); // churn: freed buffers get reused
                NDArray second = inputGradient(x, w, b, target);
                if (first.isNaN().any().getBoolean() || second.isNaN().any().getBoolean()) {
                    nan++;
                    continue;
                }
                float scale = first.abs().max().getFloat();
                if (first.sub(second).abs().max().getFloat() > 1e-5f * scale) {
                    disagreeing++;
                }
            }
        }
        System.out.printf("conv2d backward, %s: %d of %d pairs had a NaN input gradient; %d finite pairs disagreed%n",
                mode, nan, PASSES, disagreeing);
        assertEquals(0, disagreeing, mode + ": finite convolution gradients that differ between identical passes");
        return nan;
    }

    @Test
    void finiteConvolutionGradientsAreRightAndZeroFilledAllocationsStopTheNaNOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            int plain = nanPairs(m, "plain malloc");
            assertTrue(ZeroFilledAllocations.enable(), "glibc mallopt(M_PERTURB) took");
            try {
                int zeroed = nanPairs(m, "zero-filled allocations");
                assertEquals(0, zeroed, "NaN gradients with zero-filled allocations (plain malloc: " + plain + ")");
            } finally {
                ZeroFilledAllocations.disable();
            }
        }
    }
}
