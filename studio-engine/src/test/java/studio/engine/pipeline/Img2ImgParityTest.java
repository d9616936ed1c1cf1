package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.io.ImageLoader;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.DiffusionModel;
import studio.engine.testing.Golden;

/**
 * Image-to-image end to end against the PyTorch reference (tools/reference/img2img_reference.py):
 * the init PNG through the tiny SD1 checkpoint's VAE, noised and denoised by AUTOMATIC1111's strength
 * convention — the last int(strength·steps) steps, plus one for k-diffusion samplers — then decoded.
 */
class Img2ImgParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"euler", "ddim"})
    void img2imgGivesTheReferenceImage(String sampler) throws Exception {
        Path dir = Golden.root().resolve("img2img");
        Golden.File io = Golden.read(dir.resolve("sd1_img2img_" + sampler + ".io.safetensors"));
        JsonObject p = io.params();
        // "" is the empty prompt, which the pipeline encodes to pad prompts of unequal length
        Map<String, long[]> ids = Map.of("cond", io.get("cond_ids").longs(), "uncond", io.get("uncond_ids").longs(),
                "", io.get("uncond_ids").longs());
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids));
        Path checkpoint = Golden.blocks("tiny-sd1.safetensors");
        try (ModelRepository models = new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options))) {
            GenerationRequest request = GenerationRequest.builder()
                    .prompt("cond").negativePrompt("uncond").modelId(checkpoint.toString())
                    .initImage(ImageLoader.load(dir.resolve(p.get("init_png").getAsString())))
                    .strength(p.get("strength").getAsDouble()).sampler(sampler).steps(p.get("steps").getAsInt())
                    .guidanceScale(p.get("guidance").getAsDouble()).seed(p.get("seed").getAsLong())
                    .size(p.get("width").getAsInt(), p.get("height").getAsInt()).previewEvery(0)
                    .build().validated();

            // the init image reaches the sampler as the reference's scaled posterior mean
            DiffusionModel model = models.get(request.modelId()).model();
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray source = LatentEdit.encode(model, new EncodedImages(), EditInputs.prepare(request), 16, 16, m).source();
                double err = Golden.relativeError(source.toFloatArray(), io.floats("init_latent"));
                assertTrue(err < 1e-4, "init latent relative error " + err);
            }

            List<Integer> steps = new ArrayList<>();
            List<RgbImage> images = new StableDiffusionGenerator(models).generate(request, new Progress() {
                @Override
                public boolean wantsPreviews() {
                    return false;
                }

                @Override
                public void step(int batchIndex, int step, int totalSteps, Preview preview) {
                    org.junit.jupiter.api.Assertions.assertNull(preview, "no preview is made for a progress that wants none");
                    steps.add(totalSteps);
                }

                @Override
                public void checkCancelled() {
                }
            });
            int expectedSteps = p.get("steps_run").getAsInt();
            assertEquals(expectedSteps, steps.size(), sampler + " runs " + expectedSteps + " of " + p.get("steps") + " steps");
            BufferedImage expected = ImageIO.read(dir.resolve(p.get("png").getAsString()).toFile());
            double psnr = CheckpointParityTest.psnr(images.get(0), expected);
            assertTrue(psnr >= 40, "img2img " + sampler + ": PSNR " + psnr + " dB against the reference PNG");
        }
    }
}
