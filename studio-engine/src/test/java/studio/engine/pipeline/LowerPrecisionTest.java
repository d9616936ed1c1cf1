package studio.engine.pipeline;

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
import studio.engine.nn.Bf16Arithmetic;
import studio.engine.nn.Precision;
import studio.engine.testing.Golden;
import studio.engine.testing.GoldenWeights;
import studio.engine.testing.TemporaryProperty;

/**
 * The checkpoint held in bf16 and fp16 against the fp32 PyTorch reference image of the golden cases:
 * rounding changes the picture a little, never into something else. bf16 runs both ways: computing in
 * bf16 (what CPUs with bf16 instructions do, {@link Bf16Arithmetic}) and with bf16 weights widened for
 * fp32 arithmetic (the others). The PSNR of each case is printed (the closing note's figures come from
 * here). The tiny checkpoint stores its weights in F16, so fp16 holds them exactly.
 */
class LowerPrecisionTest {

    @ParameterizedTest(name = "{0} in {1}, bf16 arithmetic {2}")
    @CsvSource({
        "sd1_txt2img_ddim, bf16, on, 36",
        "sd1_txt2img_euler, bf16, on, 36",
        "sd1_txt2img_dpmpp_2m_karras, bf16, on, 36",
        "sd1_txt2img_euler_a, bf16, on, 36",
        "sd1_txt2img_ddim, bf16, off, 45",
        "sd1_txt2img_euler, bf16, off, 45",
        "sd1_txt2img_dpmpp_2m_karras, bf16, off, 45",
        "sd1_txt2img_euler_a, bf16, off, 45",
        "sd1_txt2img_euler, fp16, on, 45"})
    void staysCloseToTheFp32Reference(String run, String precision, String bf16Arithmetic, double minimumDb) throws Exception {
        Golden.File io = GoldenWeights.io(run);
        Map<String, long[]> ids = Map.of("cond", io.get("cond_ids").longs(), "uncond", io.get("uncond_ids").longs(),
                "", io.get("uncond_ids").longs());
        Path path = Golden.blocks("tiny-sd1.safetensors");
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids))
                .withPrecision(Precision.parse(precision));
        try (TemporaryProperty arithmetic = TemporaryProperty.set(Bf16Arithmetic.PROPERTY, bf16Arithmetic);
             ModelRepository models = new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options))) {
            GenerationRequest request = CheckpointParityTest.goldenRequest(io, path).build().validated();
            List<RgbImage> images = new StableDiffusionGenerator(models).generate(request, Progress.NONE);
            BufferedImage expected = ImageIO.read(Golden.blocks(run + ".png").toFile());
            double psnr = CheckpointParityTest.psnr(images.get(0), expected);
            System.out.printf("precision %s (bf16 arithmetic %s), %s: PSNR %.1f dB against the fp32 reference%n",
                    precision, bf16Arithmetic, run, psnr);
            assertTrue(psnr >= minimumDb, run + " in " + precision + ": PSNR " + psnr + " dB against the fp32 reference");
        }
    }

    @org.junit.jupiter.api.Test
    void theRequestsPrecisionDecidesHowTheModelIsHeld() throws Exception {
        Golden.File io = GoldenWeights.io("sd1_txt2img_euler");
        Map<String, long[]> ids = Map.of("cond", io.get("cond_ids").longs(), "uncond", io.get("uncond_ids").longs(),
                "", io.get("uncond_ids").longs());
        String path = Golden.blocks("tiny-sd1.safetensors").toString();
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids));
        try (ModelRepository models = new ModelRepository((id, p) -> CheckpointLoader.load(Path.of(id), options.withPrecision(p)))) {
            StableDiffusionGenerator generator = new StableDiffusionGenerator(models);
            GenerationRequest.Builder request = GenerationRequest.builder().prompt("cond").negativePrompt("uncond")
                    .modelId(path).sampler("euler").steps(2).size(32, 32).previewEvery(0);
            generator.generate(request.precision("bf16").build().validated(), Progress.NONE);
            org.junit.jupiter.api.Assertions.assertEquals(Precision.BF16, models.get(path).model().unet().precision());
            generator.generate(request.precision("fp32").build().validated(), Progress.NONE);
            org.junit.jupiter.api.Assertions.assertEquals(Precision.FP32, models.get(path).model().unet().precision());
        }
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("precision must be one of fp32, bf16, fp16, got 'fp8'"),
                GenerationRequest.builder().prompt("x").precision("fp8").build().problems());
    }
    @org.junit.jupiter.api.Test
    void theBuiltInModelIsHeldInTheRequestsPrecisionToo() {
        try (ModelRepository models = new ModelRepository((id, p) -> {
            throw new AssertionError("only the built-in model is asked for, got " + id);
        })) {
            StableDiffusionGenerator generator = new StableDiffusionGenerator(models);
            GenerationRequest.Builder request = GenerationRequest.builder().prompt("red apple").sampler("euler")
                    .steps(2).size(64, 64).previewEvery(0);
            generator.generate(request.precision("bf16").build().validated(), Progress.NONE);
            org.junit.jupiter.api.Assertions.assertEquals(Precision.BF16,
                    models.get(GenerationRequest.DEFAULT_MODEL).model().unet().precision());
            generator.generate(request.precision("fp32").build().validated(), Progress.NONE);
            org.junit.jupiter.api.Assertions.assertEquals(Precision.FP32,
                    models.get(GenerationRequest.DEFAULT_MODEL).model().unet().precision());
        }
    }
}
