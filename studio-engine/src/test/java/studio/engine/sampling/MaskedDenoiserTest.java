package studio.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;

/** Inpainting by blending the source latent into the clean estimate, composed over guidance. */
class MaskedDenoiserTest {

    @Test
    void keepsTheUnmaskedRegionAndRepaintsTheRest() {
        DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 4, 8, 8);
            NDArray x0 = SamplerParityTest.initImage(manager);
            NDArray repaint = manager.zeros(new Shape(1, 1, 8, 8));
            repaint.set(new NDIndex(":, :, :, 4:"), 1f); // repaint the right half
            Denoiser guided = new CfgDenoiser(new CompVisDenoiser(new AnalyticModel(), schedule, Prediction.EPSILON),
                    manager.full(new Shape(1, 3, 4), 0.35f), manager.full(new Shape(1, 3, 4), -0.2f), 7.5);
            Denoiser masked = new MaskedDenoiser(guided, x0, repaint);
            SamplingPlan plan = Samplers.EULER_A.img2img(schedule, 12, 0.8);
            NoiseSource noise = NoiseSource.seeded(manager, 21);
            NDArray out = plan.finalLatent(plan.sample(masked, plan.noiseTo(x0, noise.next(shape)), noise,
                    StepListener.NONE));

            String kept = ":, :, :, :4";
            Golden.assertElementwiseClose(x0.get(kept).toFloatArray(), out.get(kept).toFloatArray(), 1e-5, "kept half");
            String painted = ":, :, :, 4:";
            double change = out.get(painted).sub(x0.get(painted)).abs().max().getFloat();
            assertTrue(change > 0.5, "the masked half is repainted, max change " + change);
        }
    }

    @Test
    void refusesAMaskOfAnotherSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x0 = manager.zeros(new Shape(1, 4, 8, 8));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MaskedDenoiser((x, s) -> x, x0, manager.zeros(new Shape(1, 1, 16, 16))));
            assertTrue(e.getMessage().contains("latent size"), e.getMessage());
        }
    }
}
