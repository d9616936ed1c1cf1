package studio.app.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.app.TestTaesd;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.TaesdLoader;
import studio.engine.nn.taesd.TinyAutoencoder;
import studio.engine.pipeline.FinalDecoder;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * TAESD in the pipeline, on the small random model with SD's 8x VAE layout: every preview is a
 * TAESD decode, and {@link FinalDecoder#TAESD} decodes the result with it. With lcm the last step's
 * clean estimate is the result latent itself, so the last preview must equal the TAESD result.
 */
class TaesdPipelineTest {

    @Test
    void previewsAndDraftResultsGoThroughTaesd(@TempDir Path dir) throws Exception {
        Path file = TestTaesd.write(dir.resolve("taesd_decoder.safetensors"));
        GenerationRequest request = GenerationRequest.builder().prompt("x").size(64, 64).steps(3).sampler("lcm")
                .guidanceScale(1).modelId("small").previewEvery(1).build();
        try (ModelRepository models = new ModelRepository(id -> SmallRandomModel.create());
             TinyAutoencoder taesd = TaesdLoader.load(file)) {
            List<RgbImage> previews = new ArrayList<>();
            List<Boolean> vaePreviews = new ArrayList<>();
            Progress recording = new Progress() {
                @Override
                public void step(int batchIndex, int step, int totalSteps, Preview preview) {
                    previews.add(preview.image());
                    vaePreviews.add(preview.fullDecode());
                }

                @Override
                public void checkCancelled() {
                }
            };
            RgbImage vae = new StableDiffusionGenerator(models, taesd, FinalDecoder.VAE).generate(request, recording).get(0);
            RgbImage draft = new StableDiffusionGenerator(models, taesd, FinalDecoder.TAESD).generate(request, Progress.NONE).get(0);
            assertEquals(List.of(false, false, false), vaePreviews);
            assertEquals(64, previews.get(0).width());
            assertArrayEquals(previews.get(2).pixels(), draft.pixels());
            assertFalse(Arrays.equals(vae.pixels(), draft.pixels()), "the VAE result differs from the TAESD draft");
        }
    }
}
