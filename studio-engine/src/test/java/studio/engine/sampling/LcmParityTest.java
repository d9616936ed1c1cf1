package studio.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studio.engine.api.InvalidRequestException;
import studio.engine.testing.Golden;

/**
 * The {@code lcm} sampler through the registry, the CompVis denoiser and guidance against
 * tools/reference/lcm_reference.py (diffusers' LCMScheduler math on the analytic model), 4 and 6 steps.
 */
class LcmParityTest {

    private static final JsonObject GOLDEN = Golden.sampling("lcm.json");
    private static final Shape SHAPE = new Shape(1, 4, 8, 8);
    private static final double TOLERANCE = 1e-4;
    private final DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : GOLDEN.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            out.add(Arguments.of(c.get("steps").getAsInt() + " steps " + c.get("prediction").getAsString()
                    + " cfg " + c.get("scale").getAsDouble(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheReference(String label, JsonObject c) {
        int steps = c.get("steps").getAsInt();
        Prediction prediction = "v".equals(c.get("prediction").getAsString()) ? Prediction.V : Prediction.EPSILON;
        assertArrayEquals(Golden.ints(c.getAsJsonArray("timesteps")), Lcm.timesteps(schedule, steps), label);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cond = manager.full(new Shape(1, 3, 4), GOLDEN.get("cond").getAsFloat());
            NDArray uncond = manager.full(new Shape(1, 3, 4), GOLDEN.get("uncond").getAsFloat());
            AnalyticModel network = new AnalyticModel();
            double scale = Lcm.guidance(c.get("scale").getAsDouble());
            Denoiser denoiser = new CfgDenoiser(new CompVisDenoiser(network, schedule, prediction), cond, uncond, scale);
            NoiseSource noise = NoiseSource.seeded(manager, c.get("seed").getAsLong());
            SamplingPlan plan = Samplers.LCM.txt2img(schedule, steps);
            NDArray x = plan.initialLatent(noise.next(SHAPE));
            float[] actual = plan.finalLatent(plan.sample(denoiser, x, noise, StepListener.NONE)).toFloatArray();
            float[] expected = Golden.floats(c.getAsJsonArray("output"));
            double worst = Golden.assertElementwiseClose(expected, actual, TOLERANCE, label);
            System.out.printf("LCM %s: worst relative error %.3g, PSNR %.1f dB%n", label, worst, studio.engine.testing.Golden.psnr(actual, expected));
            // the network is called at the grid's exact integer timesteps, once per step when unguided
            assertEquals(steps, network.calls(), label);
            for (int i = 0; i < steps; i++) {
                assertEquals(Golden.ints(c.getAsJsonArray("timesteps"))[i], network.callTimesteps.get(i), 1e-3, label);
                assertEquals(scale > 1 ? 2L : 1L, network.callBatches.get(i), label);
            }
        }
    }

    @Test
    void timestepGridsAreDiffusers() {
        for (Map.Entry<String, JsonElement> e : GOLDEN.getAsJsonObject("timesteps").entrySet()) {
            int n = Integer.parseInt(e.getKey());
            assertArrayEquals(Golden.ints(e.getValue().getAsJsonArray()), Lcm.timesteps(schedule, n), n + " steps");
        }
        assertArrayEquals(new int[] {999, 759, 499, 259}, Lcm.timesteps(schedule, 4));
        assertThrows(InvalidRequestException.class, () -> Samplers.LCM.txt2img(schedule, 51));
    }

    @Test
    void boundaryConditionsFollowTimestepScalingAndSigmaData() {
        double[] c = Lcm.boundaryScalings(259);
        assertEquals(0.25 / (2590.0 * 2590.0 + 0.25), c[0], 1e-18);
        assertEquals(2590.0 / Math.sqrt(2590.0 * 2590.0 + 0.25), c[1], 1e-15);
        double[] zero = Lcm.boundaryScalings(0);
        assertEquals(1.0, zero[0]);
        assertEquals(0.0, zero[1]);
        assertTrue(Lcm.guidance(0.5) == 1 && Lcm.guidance(1) == 1 && Lcm.guidance(1.5) == 1.5);
    }
}
