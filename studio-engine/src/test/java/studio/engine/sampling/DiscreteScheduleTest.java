package studio.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;

/** The schedule against the PyTorch reference (LDM betas, k-diffusion sigmas, DDIM/DDPM timesteps). */
class DiscreteScheduleTest {

    private static final JsonObject GOLDEN = Golden.sampling("schedule.json");
    private final DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();

    @Test
    void alphasCumprodAndSigmaTableMatchTheReference() {
        float[] alphas = Golden.floats(GOLDEN.getAsJsonArray("alphas_cumprod"));
        float[] sigmas = Golden.floats(GOLDEN.getAsJsonArray("sigmas_table"));
        float[] actualAlphas = new float[schedule.size()];
        for (int t = 0; t < actualAlphas.length; t++) {
            actualAlphas[t] = schedule.alphaCumprod(t);
        }
        Golden.assertElementwiseClose(alphas, actualAlphas, 1e-6, "alphas_cumprod");
        Golden.assertElementwiseClose(sigmas, schedule.sigmaTable(), 1e-6, "sigma table");
        assertEquals(sigmas[0], schedule.sigmaMin(), 1e-7);
        assertEquals(sigmas[999], schedule.sigmaMax(), 1e-5);
    }

    @Test
    void normalSpacingMatchesKDiffusionGetSigmas() {
        for (Map.Entry<String, JsonElement> e : GOLDEN.getAsJsonObject("normal").entrySet()) {
            int n = Integer.parseInt(e.getKey());
            float[] actual = schedule.sigmas(n);
            Golden.assertElementwiseClose(Golden.floats(e.getValue().getAsJsonArray()), actual, 1e-6, "sigmas(" + n + ")");
            assertEquals(0f, actual[n], "sigmas(" + n + ") ends at 0");
        }
    }

    @Test
    void karrasSpacingMatchesKDiffusion() {
        for (Map.Entry<String, JsonElement> e : GOLDEN.getAsJsonObject("karras").entrySet()) {
            int n = Integer.parseInt(e.getKey());
            Golden.assertElementwiseClose(Golden.floats(e.getValue().getAsJsonArray()), schedule.karras(n), 1e-6,
                    "karras(" + n + ")");
        }
    }

    @Test
    void ddimAndDdpmTimestepsMatchTheReference() {
        for (Map.Entry<String, JsonElement> e : GOLDEN.getAsJsonObject("ddim_timesteps").entrySet()) {
            int n = Integer.parseInt(e.getKey());
            assertArrayEquals(Golden.ints(e.getValue().getAsJsonArray()), schedule.ddimTimesteps(n), "ddim " + n);
        }
        for (Map.Entry<String, JsonElement> e : GOLDEN.getAsJsonObject("ddpm_timesteps").entrySet()) {
            int n = Integer.parseInt(e.getKey());
            assertArrayEquals(Golden.ints(e.getValue().getAsJsonArray()), schedule.ddpmTimesteps(n), "ddpm " + n);
        }
        // 30 does not divide 1000: the original takes 31 steps, and so do we
        assertEquals(31, schedule.ddimTimesteps(30).length);
        assertEquals(999, schedule.ddpmTimesteps(1000)[0]);
        assertEquals(1001, schedule.ddpmSigmas(1000).length);
    }

    @Test
    void ddimSigmasEndAtAlphaZeroNotAtACleanLatent() {
        float[] sigmas = schedule.ddimSigmas(20);
        assertEquals(21, sigmas.length);
        assertEquals(schedule.sigma(951), sigmas[0]);
        assertEquals(schedule.sigma(1), sigmas[19]);
        assertEquals(schedule.sigmaMin(), sigmas[20]);
        assertEquals(0f, schedule.ddpmSigmas(20)[20]);
    }

    @Test
    void sigmaToTInterpolatesLogSigmaLikeKDiffusion() {
        for (JsonElement pair : GOLDEN.getAsJsonArray("sigma_to_t")) {
            double sigma = pair.getAsJsonArray().get(0).getAsDouble();
            double t = pair.getAsJsonArray().get(1).getAsDouble();
            assertEquals(t, schedule.sigmaToT(sigma), 2e-3, "sigma_to_t(" + sigma + ")");
        }
    }

    @Test
    void tableSigmasMapToTheirExactTimestepAndBack() {
        // DDIM and DDPM call the network at integer timesteps; this exactness is what lets them
        // go through the same sigma-based denoiser as the k-samplers
        for (int t = 0; t < schedule.size(); t++) {
            assertEquals(t, schedule.sigmaToT(schedule.sigma(t)), 0.0, "t = " + t);
            // t_to_sigma goes through exp(log σ), as in k-diffusion: equal up to rounding
            assertEquals(schedule.sigma(t), schedule.tToSigma(t), schedule.sigma(t) * 1e-6);
        }
        double mid = schedule.sigmaToT(schedule.tToSigma(123.25));
        assertEquals(123.25, mid, 1e-3);
    }

    @Test
    void rejectsNonsenseArguments() {
        assertThrows(IllegalArgumentException.class, () -> schedule.sigmas(0));
        assertThrows(IllegalArgumentException.class, () -> schedule.ddimTimesteps(1001));
        assertThrows(IllegalArgumentException.class, () -> schedule.tToSigma(1000));
        assertThrows(IllegalArgumentException.class, () -> DiscreteSchedule.karras(5, 2, 1, 7));
    }
}
