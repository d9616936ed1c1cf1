package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.image.RgbImage;
import studio.engine.sampling.DiscreteSchedule;
import studio.engine.sampling.Samplers;

/** The step a pass belongs to, from its σ, for every sampler's levels; the soft modes' factors. */
class ControlSteeringTest {
    @Test
    void everySamplersLevelsMapBackToTheirStep() throws Exception {
        DiscreteSchedule schedule = DiscreteSchedule.stableDiffusion();
        for (String name : Samplers.names()) {
            for (boolean img2img : new boolean[] {false, true}) {
                var spec = Samplers.byName(name);
                var plan = img2img ? spec.img2img(schedule, 12, 0.5) : spec.txt2img(schedule, 12);
                float[] sigmas = plan.sigmas();
                ControlSteering steering = steering(sigmas);
                for (int i = 0; i < plan.steps(); i++) {
                    assertEquals(i, steering.step(sigmas[i]), name + (img2img ? " img2img" : "") + " step " + i);
                }
            }
        }
    }

    @Test
    void softModesDecayTheShallowResidualsAsTheExtensionDoes() {
        ControlUnit u = ControlUnit.of("x", RgbImage.filled(8, 8, 0), "none").withWeight(0.5).withMode(ControlMode.PROMPT);
        assertEquals(0.5, ControlSteering.scale(u, 12), 1e-12);
        assertEquals(0.5 * Math.pow(0.825, 12), ControlSteering.scale(u, 0), 1e-12);
        assertEquals(0.5, ControlSteering.scale(u.withMode(ControlMode.BALANCED), 0), 1e-12);
    }

    private static ControlSteering steering(float[] sigmas) throws Exception {
        Constructor<ControlSteering> c = ControlSteering.class.getDeclaredConstructor(List.class, float[].class);
        c.setAccessible(true);
        return c.newInstance(List.of(), sigmas);
    }
}
