package studio.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;

/** How guidance reaches the network: how many calls, with which batch, and what it computes. */
class CfgDenoiserTest {

    private static final Shape SHAPE = new Shape(1, 4, 8, 8);
    private static final int STEPS = 5;
    private final DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray context(int tokens, float value) {
        return manager.full(new Shape(1, tokens, 4), value);
    }

    private float[] run(AnalyticModel model, NDArray cond, NDArray uncond, double scale) {
        Denoiser d = new CfgDenoiser(new CompVisDenoiser(model, schedule, Prediction.EPSILON), cond, uncond, scale);
        SamplingPlan plan = Samplers.EULER.txt2img(schedule, STEPS);
        NoiseSource noise = NoiseSource.seeded(manager, 11);
        return plan.finalLatent(plan.sample(d, plan.initialLatent(noise.next(SHAPE)), noise, StepListener.NONE))
                .toFloatArray();
    }

    @Test
    void guidanceOneMakesExactlyOneUnbatchedCallPerStep() {
        AnalyticModel model = new AnalyticModel();
        run(model, context(3, 0.35f), context(3, -0.2f), 1.0);
        assertEquals(Collections.nCopies(STEPS, 1L), model.callBatches);
    }

    @Test
    void guidanceBatchesUncondAndCondIntoOneCallPerStep() {
        AnalyticModel model = new AnalyticModel();
        run(model, context(3, 0.35f), context(3, -0.2f), 7.5);
        assertEquals(Collections.nCopies(STEPS, 2L), model.callBatches);
    }

    @Test
    void promptsOfDifferentLengthTakeTwoCallsAndGiveTheSameGuidance() {
        AnalyticModel batched = new AnalyticModel();
        float[] expected = run(batched, context(3, 0.35f), context(3, -0.2f), 7.5);
        AnalyticModel split = new AnalyticModel();
        // same mean per context, so the analytic model sees the same conditioning
        float[] actual = run(split, context(6, 0.35f), context(3, -0.2f), 7.5);
        assertEquals(Collections.nCopies(2 * STEPS, 1L), split.callBatches);
        Golden.assertElementwiseClose(expected, actual, 1e-6, "split vs batched guidance");
    }

    @Test
    void guidanceScalesTheDifferenceOfTheTwoPasses() {
        NDArray x = manager.randomNormal(SHAPE).mul(3f);
        ConditionalDenoiser inner = new CompVisDenoiser(new AnalyticModel(), schedule, Prediction.EPSILON);
        NDArray cond = context(3, 0.35f);
        NDArray uncond = context(3, -0.2f);
        NDArray u = inner.denoise(x, 2.5f, uncond);
        NDArray c = inner.denoise(x, 2.5f, cond);
        float[] expected = u.add(c.sub(u).mul(4.0)).toFloatArray();
        float[] actual = new CfgDenoiser(inner, cond, uncond, 4.0).denoise(x, 2.5f).toFloatArray();
        Golden.assertElementwiseClose(expected, actual, 1e-6, "u + s(c - u)");
        // scale 0 is the negative prompt alone, in one pass
        AnalyticModel model = new AnalyticModel();
        float[] zero = new CfgDenoiser(new CompVisDenoiser(model, schedule, Prediction.EPSILON), cond, uncond, 0)
                .denoise(x, 2.5f).toFloatArray();
        Golden.assertElementwiseClose(u.toFloatArray(), zero, 1e-7, "scale 0");
        assertEquals(List.of(1L), model.callBatches);
    }

    @Test
    void ddimCallsTheNetworkAtItsOwnIntegerTimesteps() {
        AnalyticModel model = new AnalyticModel();
        Denoiser d = new CfgDenoiser(new CompVisDenoiser(model, schedule, Prediction.EPSILON),
                context(3, 0.35f), null, 1.0);
        SamplingPlan plan = Samplers.DDIM.txt2img(schedule, 7);
        NoiseSource noise = NoiseSource.seeded(manager, 1);
        plan.sample(d, plan.initialLatent(noise.next(SHAPE)), noise, StepListener.NONE);
        assertEquals(List.of(995f, 853f, 711f, 569f, 427f, 285f, 143f, 1f), model.callTimesteps);
    }

    @Test
    void refusesMismatchedBatchesAndMissingUncond() {
        ConditionalDenoiser inner = new CompVisDenoiser(new AnalyticModel(), schedule, Prediction.EPSILON);
        NDArray cond = context(3, 0.35f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CfgDenoiser(inner, cond, null, 7.5));
        assertTrue(e.getMessage().contains("unconditional"), e.getMessage());
        CfgDenoiser d = new CfgDenoiser(inner, cond, context(3, 0f), 7.5);
        assertThrows(IllegalArgumentException.class, () -> d.denoise(manager.zeros(new Shape(2, 4, 8, 8)), 1f));
    }
}
