package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.DiffusionModel;

/**
 * A long session must not leak native memory: every tensor a request makes is freed when it ends,
 * whichever manager an op attached it to. Ops whose first operand is a weight (a reshaped norm
 * scale, a slice of a position table) create their result on the model's weight manager, which
 * lives as long as the model — so that manager must hold exactly its weights after any number of
 * generations, in every mode, with previews.
 */
class NativeMemoryTest extends OnDefaultModel {
    private static final Progress TAKE_PREVIEWS = new Progress() {
        @Override
        public void step(int batchIndex, int step, int totalSteps, Preview preview) {
        }

        @Override
        public void checkCancelled() {
        }
    };

    @Test
    void generationsInEveryModeLeaveTheModelManagerAsTheyFoundIt() {
        NDManager weights = models.get(GenerationRequest.DEFAULT_MODEL).model().weights();
        RgbImage init = EditModesTest.photo(32, 32);
        GenerationRequest txt2img = GenerationRequest.builder().prompt("a red apple, (shiny:1.2)").size(32, 32)
                .steps(2).sampler("euler_a").previewEvery(1).build().validated();
        GenerationRequest img2img = txt2img.toBuilder().initImage(init).strength(0.6).sampler("ddim").build().validated();
        GenerationRequest inpaint = img2img.toBuilder().mask(EditModesTest.square(32, 32, 8, 8, 12)).strength(1)
                .build().validated();
        generator.generate(txt2img, TAKE_PREVIEWS);
        int held = weights.getManagedArrays().size();
        // the count is exact: one array left per request shows after the first
        for (int i = 0; i < 9; i++) {
            GenerationRequest r = switch (i % 3) {
                case 0 -> txt2img;
                case 1 -> img2img;
                default -> inpaint;
            };
            generator.generate(r.withSeed(i), TAKE_PREVIEWS);
        }
        assertEquals(held, weights.getManagedArrays().size(),
                "arrays left on the model's manager after 9 generations (txt2img, img2img, inpaint, previews)");
    }

    @Test
    void blocksRunOutsideAnyScopeLeaveNothingOnTheWeightsManager() {
        DiffusionModel model = models.get(GenerationRequest.DEFAULT_MODEL).model();
        NDManager weights = model.weights();
        int held = weights.getManagedArrays().size();
        try (NDManager request = NDManager.newBaseManager()) {
            // a library caller's own manager and no NDScope: what an op derives from a weight must land here
            TextConditioning.encodePair(model, "a red apple", "", 1, 32, 32, request);
            model.vae().encodeMean(request.zeros(new Shape(1, 3, 32, 32)));
            model.vae().decode(request.zeros(new Shape(1, 4, 4, 4)));
            model.unet().forward(request.zeros(new Shape(1, 4, 4, 4)), request.create(new float[] {10f}),
                    request.zeros(new Shape(1, model.tokenizer().contextLength(), model.textEncoder().width())));
        }
        assertEquals(held, weights.getManagedArrays().size(), "arrays the blocks left on the weights' manager");
    }
}
