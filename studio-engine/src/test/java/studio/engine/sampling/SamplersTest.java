package studio.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.engine.api.InvalidRequestException;
import studio.engine.testing.Golden;

/** The registry, image-to-image plans, randomness, cancellation and memory of the samplers. */
class SamplersTest {

    @Test
    void a1111LabelsComeFromTheOneRegistry() {
        assertEquals("Euler a", Samplers.label("euler_a"));
        assertEquals("DPM++ 2M Karras", Samplers.label("dpmpp_2m_karras"));
        assertEquals("UniPC", Samplers.label("UniPC"), "an unknown name is written as it is");
        assertEquals("DDIM, Euler, Euler a, DPM++ 2M, DPM++ 2M Karras, DDPM, LCM", Samplers.labels());
        assertSame(Samplers.DPMPP_2M_KARRAS, Samplers.fromA1111("DPM++ 2M", "Karras").orElseThrow());
        assertSame(Samplers.DPMPP_2M, Samplers.fromA1111("dpm++ 2m", null).orElseThrow());
        assertSame(Samplers.EULER_A, Samplers.fromA1111("euler_a", "Automatic").orElseThrow());
        assertTrue(Samplers.fromA1111("UniPC", null).isEmpty());
        assertTrue(Samplers.isKnown("Euler a") && !Samplers.isKnown("heun"));
    }

    private static final Shape SHAPE = new Shape(1, 4, 8, 8);
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

    private Denoiser denoiser(AnalyticModel model) {
        return new CfgDenoiser(new CompVisDenoiser(model, schedule, Prediction.EPSILON),
                manager.full(new Shape(1, 3, 4), 0.35f), manager.full(new Shape(1, 3, 4), -0.2f), 7.5);
    }

    private float[] generate(SamplerSpec spec, long seed, int steps) {
        SamplingPlan plan = spec.txt2img(schedule, steps);
        NoiseSource noise = NoiseSource.seeded(manager, seed);
        NDArray x = plan.initialLatent(noise.next(SHAPE));
        return plan.finalLatent(plan.sample(denoiser(new AnalyticModel()), x, noise, StepListener.NONE))
                .toFloatArray();
    }

    @Test
    void unknownSamplerNamesTheValidOnes() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Samplers.byName("heun"));
        assertEquals("unknown sampler 'heun'; choose one of: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddpm, lcm",
                e.getMessage());
        assertThrows(InvalidRequestException.class, () -> Samplers.byName(null));
    }

    @Test
    void findsSamplersByStudioNameOrAutomatic1111Label() {
        assertEquals(List.of("ddim", "euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras", "ddpm", "lcm"), Samplers.names());
        for (SamplerSpec spec : Samplers.all()) {
            assertSame(spec, Samplers.byName(spec.name()));
            assertSame(spec, Samplers.byName(" " + spec.label().toUpperCase() + " "));
        }
        assertSame(Samplers.EULER_A, Samplers.byName("Euler a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"euler_a", "ddpm"})
    void ancestralSamplersRepeatForASeedAndDifferAcrossSeeds(String name) {
        SamplerSpec spec = Samplers.byName(name);
        float[] first = generate(spec, 1234, 8);
        float[] again = generate(spec, 1234, 8);
        float[] other = generate(spec, 1235, 8);
        assertArrayEquals(first, again);
        double diff = 0;
        for (int i = 0; i < first.length; i++) {
            diff = Math.max(diff, Math.abs(first[i] - other[i]));
        }
        assertTrue(diff > 0.1, "another seed should give another image, max difference " + diff);
    }

    @Test
    void onlyAncestralSamplersDrawNoiseAfterTheStart() {
        for (SamplerSpec spec : Samplers.all()) {
            AtomicInteger draws = new AtomicInteger();
            NoiseSource seeded = NoiseSource.seeded(manager, 5);
            NoiseSource counting = shape -> {
                draws.incrementAndGet();
                return seeded.next(shape);
            };
            SamplingPlan plan = spec.txt2img(schedule, 6);
            plan.sample(denoiser(new AnalyticModel()), plan.initialLatent(seeded.next(SHAPE)), counting,
                    StepListener.NONE);
            // LCM re-noises its clean estimate between steps: a fresh draw like the ancestral samplers
            boolean ancestral = spec == Samplers.EULER_A || spec == Samplers.DDPM || spec == Samplers.LCM;
            // no noise on the step into σ = 0
            assertEquals(ancestral ? plan.steps() - 1 : 0, draws.get(), spec.name());
        }
    }

    @Test
    void img2imgRunsTheTailOfTheScheduleAsAutomatic1111Does() {
        // k-samplers: t_enc = int(0.75 * 20) = 15, the last 16 steps, noised to the first of them
        SamplingPlan euler = Samplers.EULER.img2img(schedule, 20, 0.75);
        float[] full = schedule.sigmas(20);
        assertArrayEquals(Arrays.copyOfRange(full, 4, 21), euler.sigmas());
        assertEquals(full[4], euler.noiseSigma());
        // DDIM: noised to timestep index 15 (751), decoding timesteps[:15] from 701 down
        SamplingPlan ddim = Samplers.DDIM.img2img(schedule, 20, 0.75);
        assertEquals(15, ddim.steps());
        assertEquals(schedule.sigma(751), ddim.noiseSigma());
        assertEquals(schedule.sigma(701), ddim.sigmas()[0]);
        // strength 1 acts as 0.999: all steps for k-samplers, still from a noised image
        assertEquals(20, Samplers.EULER_A.img2img(schedule, 20, 1.0).steps());
        assertEquals(1, Samplers.DPMPP_2M.img2img(schedule, 20, 0.0).steps());
        assertThrows(InvalidRequestException.class, () -> Samplers.EULER.img2img(schedule, 20, 1.5));
        assertThrows(InvalidRequestException.class, () -> Samplers.EULER.txt2img(schedule, 0));
    }

    @Test
    void ddimAtStrengthZeroReturnsTheLightlyNoisedImage() {
        SamplingPlan plan = Samplers.DDIM.img2img(schedule, 20, 0.0);
        assertEquals(0, plan.steps());
        NDArray x0 = SamplerParityTest.initImage(manager);
        NDArray noise = manager.randomNormal(SHAPE);
        NDArray out = plan.finalLatent(plan.sample(denoiser(new AnalyticModel()), plan.noiseTo(x0, noise),
                NoiseSource.seeded(manager, 0), StepListener.NONE));
        double a = schedule.alphaCumprod(1);
        float[] expected = x0.mul(Math.sqrt(a)).add(noise.mul(Math.sqrt(1 - a))).toFloatArray();
        Golden.assertElementwiseClose(expected, out.toFloatArray(), 1e-5, "stochastic_encode at timestep 1");
    }

    @Test
    void theListenerSeesEveryStepAndCanCancel() {
        AnalyticModel model = new AnalyticModel();
        List<String> seen = new ArrayList<>();
        SamplingPlan plan = Samplers.DPMPP_2M.txt2img(schedule, 10);
        NoiseSource noise = NoiseSource.seeded(manager, 3);
        NDArray x = plan.initialLatent(noise.next(SHAPE));
        IllegalStateException stop = new IllegalStateException("cancelled");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> plan.sample(denoiser(model), x, noise, (i, total, latent, denoised) -> {
                    seen.add(i + "/" + total + " " + denoised.getShape());
                    if (i == 2) {
                        throw stop;
                    }
                }));
        assertSame(stop, thrown);
        assertEquals(List.of("0/10 (1, 4, 8, 8)", "1/10 (1, 4, 8, 8)", "2/10 (1, 4, 8, 8)"), seen);
        assertEquals(3, model.calls(), "no step after the cancelling one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"euler", "euler_a", "dpmpp_2m", "ddim", "ddpm"})
    void stepsFreeTheirTemporaries(String name) {
        SamplerSpec spec = Samplers.byName(name);
        try (NDManager job = manager.newSubManager()) {
            Denoiser d = new CfgDenoiser(new CompVisDenoiser(new AnalyticModel(), schedule, Prediction.EPSILON),
                    job.full(new Shape(1, 3, 4), 0.35f), job.full(new Shape(1, 3, 4), -0.2f), 7.5);
            SamplingPlan plan = spec.txt2img(schedule, 20);
            NoiseSource noise = NoiseSource.seeded(job, 9);
            NDArray x = plan.initialLatent(noise.next(SHAPE));
            int before = job.getManagedArrays().size();
            NDArray out = plan.sample(d, x, noise, StepListener.NONE);
            assertEquals(before + 1, job.getManagedArrays().size(), "only the result stays after 20 steps");
            assertTrue(!x.isReleased() && !out.isReleased(), "the input stays the caller's");
        }
    }
}
