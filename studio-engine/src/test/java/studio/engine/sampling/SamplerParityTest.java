package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studio.engine.testing.Golden;

/**
 * Every sampler, end to end through the registry, the CompVis denoiser and guidance, against the
 * independent PyTorch reference (k-diffusion samplers, the original CompVis DDIM on VP latents,
 * diffusers-style DDPM) on the analytic model: txt2img, img2img, ε and v prediction, guidance 1.
 */
class SamplerParityTest {

    private static final JsonObject GOLDEN = Golden.sampling("samplers.json");
    private static final Shape SHAPE = new Shape(1, 4, 8, 8);
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : GOLDEN.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String label = c.get("sampler").getAsString() + " " + c.get("steps").getAsInt() + " steps "
                    + c.get("prediction").getAsString() + " cfg " + c.get("scale").getAsDouble()
                    + (c.get("strength").isJsonNull() ? "" : " strength " + c.get("strength").getAsDouble());
            out.add(Arguments.of(label, c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheReference(String label, JsonObject c) {
        SamplerSpec spec = Samplers.byName(c.get("sampler").getAsString());
        int steps = c.get("steps").getAsInt();
        double scale = c.get("scale").getAsDouble();
        Prediction prediction = "v".equals(c.get("prediction").getAsString()) ? Prediction.V : Prediction.EPSILON;
        DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray cond = manager.full(new Shape(1, 3, 4), GOLDEN.get("cond").getAsFloat());
            NDArray uncond = manager.full(new Shape(1, 3, 4), GOLDEN.get("uncond").getAsFloat());
            Denoiser denoiser = new CfgDenoiser(new CompVisDenoiser(new AnalyticModel(), schedule, prediction),
                    cond, uncond, scale);
            NoiseSource noise = NoiseSource.seeded(manager, c.get("seed").getAsLong());
            SamplingPlan plan;
            NDArray x;
            if (c.get("strength").isJsonNull()) {
                plan = spec.txt2img(schedule, steps);
                x = plan.initialLatent(noise.next(SHAPE));
            } else {
                plan = spec.img2img(schedule, steps, c.get("strength").getAsDouble());
                x = plan.noiseTo(initImage(manager), noise.next(SHAPE));
            }
            NDArray latent = plan.finalLatent(plan.sample(denoiser, x, noise, StepListener.NONE));
            double w = Golden.assertElementwiseClose(Golden.floats(c.getAsJsonArray("output")), latent.toFloatArray(), TOLERANCE, label); System.out.println("WORST " + label + " " + w);
        }
    }

    @Test
    void seededNoiseIsTorchRandnOfTheSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] first = NoiseSource.seeded(manager, 42).next(SHAPE).toFloatArray();
            float[] expected = Golden.floats(Golden.sampling("schedule.json").getAsJsonArray("seed42_randn"));
            Golden.assertElementwiseClose(expected, first, 1e-6, "torch.manual_seed(42); torch.randn(1, 4, 8, 8)");
        }
    }

    /** sin(0.37·i)·0.8 over the flattened latent: the reference's stand-in for an encoded image. */
    static NDArray initImage(NDManager manager) {
        return manager.arange(0f, 256f, 1f).mul(0.37f).sin().mul(0.8f).reshape(SHAPE);
    }
}
