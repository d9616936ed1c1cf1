package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.CheckpointLoader;
import studio.engine.testing.Golden;
import studio.engine.testing.GoldenWeights;

/**
 * End to end against the PyTorch reference: a tiny SD-layout checkpoint, loaded both as a single
 * file and as a diffusers folder, generates the reference's image for the same seed and settings.
 */
class CheckpointParityTest {

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({
        "sd1_txt2img_ddim, tiny-sd1.safetensors",
        "sd1_txt2img_euler, tiny-sd1.safetensors",
        "sd1_txt2img_dpmpp_2m_karras, tiny-sd1.safetensors",
        "sd1_txt2img_euler_a, tiny-sd1.safetensors",
        "sd1_txt2img_ddim, tiny-sd1-diffusers",
        "sd1_txt2img_dpmpp_2m_karras, tiny-sd1-diffusers",
        "sd2_txt2img_euler, tiny-sd2.safetensors",
        "sd2_txt2img_euler, ../sdxl/tiny-sd2-diffusers"})
    void generatesTheReferenceImage(String run, String checkpoint) throws Exception {
        Golden.File io = GoldenWeights.io(run);
        Map<String, long[]> ids = Map.of("cond", io.get("cond_ids").longs(), "uncond", io.get("uncond_ids").longs(),
                "", io.get("uncond_ids").longs());
        Path path = Golden.blocks(checkpoint);
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids));
        try (ModelRepository models = new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options))) {
            GenerationRequest request = goldenRequest(io, path).build().validated();
            List<RgbImage> images = new StableDiffusionGenerator(models).generate(request, Progress.NONE);
            BufferedImage expected = ImageIO.read(Golden.blocks(run + ".png").toFile());
            double psnr = psnr(images.get(0), expected);
            assertTrue(psnr >= 40, run + " from " + checkpoint + ": PSNR " + psnr + " dB against the reference PNG");
            assertEquals(expected.getWidth(), images.get(0).width());
        }
    }

    /** The request of a golden run: its sampler, steps, guidance, seed and size, on the checkpoint at {@code path}. */
    static GenerationRequest.Builder goldenRequest(Golden.File io, Path path) {
        var params = io.params();
        return GenerationRequest.builder()
                .prompt("cond").negativePrompt("uncond").modelId(path.toString())
                .sampler(params.get("sampler").getAsString()).steps(params.get("steps").getAsInt())
                .guidanceScale(params.get("guidance").getAsDouble()).seed(params.get("seed").getAsLong())
                .size(params.get("width").getAsInt(), params.get("height").getAsInt()).previewEvery(0);
    }

    static double psnr(RgbImage actual, BufferedImage expected) {
        double se = 0;
        int n = 0;
        for (int y = 0; y < actual.height(); y++) {
            for (int x = 0; x < actual.width(); x++) {
                int a = actual.argb(x, y);
                int b = expected.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = ((a >> shift) & 0xFF) - ((b >> shift) & 0xFF);
                    se += d * d;
                    n++;
                }
            }
        }
        double mse = se / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
