package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.ControlNet;

/**
 * Steered generations leave nothing behind on the model's or the ControlNet's weight manager, in
 * every mode and control mode; a ControlNet stays loaded across requests (and requests without one).
 */
class ControlNetMemoryTest extends OnDefaultModel {
    @Test
    void steeredGenerationsLeaveTheWeightManagersAsTheyFoundThem() {
        NDManager weights = models.get(GenerationRequest.DEFAULT_MODEL).model().weights();
        models.withControlNetLoader((id, p) -> ControlNet.random(id,
                models.get(GenerationRequest.DEFAULT_MODEL).model().unet().config(), 3));
        RgbImage hint = EditModesTest.photo(32, 32);
        ControlUnit unit = ControlUnit.of("random-cn", hint, "canny");
        GenerationRequest txt2img = GenerationRequest.builder().prompt("a red apple").size(32, 32).steps(2)
                .sampler("euler").controls(List.of(unit)).build().validated();
        GenerationRequest img2img = txt2img.toBuilder().initImage(EditModesTest.photo(32, 32)).strength(0.6)
                .sampler("ddim").controls(List.of(unit.withMode(ControlMode.CONTROL))).build().validated();
        GenerationRequest inpaint = img2img.toBuilder().mask(EditModesTest.square(32, 32, 8, 8, 12)).strength(1)
                .controls(List.of(unit.withMode(ControlMode.PROMPT), unit.withRange(0, 0.5))).build().validated();
        generator.generate(txt2img, Progress.NONE);
        ControlNet net = models.controlNets(List.of("random-cn")).get(0);
        int held = weights.getManagedArrays().size();
        int heldByNet = net.weights().getManagedArrays().size();
        for (int i = 0; i < 6; i++) {
            GenerationRequest r = switch (i % 3) {
                case 0 -> txt2img;
                case 1 -> img2img;
                default -> inpaint;
            };
            generator.generate(r.withSeed(i), Progress.NONE);
            generator.generate(r.withSeed(i).toBuilder().controls(List.of()).build(), Progress.NONE);
        }
        assertSame(net, models.controlNets(List.of("random-cn")).get(0), "the ControlNet was reloaded");
        assertEquals(held, weights.getManagedArrays().size(), "arrays left on the model's manager");
        assertEquals(heldByNet, net.weights().getManagedArrays().size(), "arrays left on the ControlNet's manager");
    }
}
