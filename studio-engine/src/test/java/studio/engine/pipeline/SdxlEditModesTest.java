package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.edit.OutpaintCanvas;
import studio.engine.edit.OutpaintFill;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.DiffusionModel;
import studio.engine.model.RandomInit;
import studio.engine.nn.unet.UNetModel;
import studio.engine.sampling.Samplers;
import studio.engine.testing.Golden;

/**
 * Everything else on SDXL, through the same pipeline: every sampler, img2img, inpainting (also with a
 * 9-channel SDXL inpainting U-Net), outpainting, on the tiny SDXL. The golden runs pin the numbers; these
 * pin that each mode carries SDXL's vector y to the U-Net and keeps what it must keep.
 */
class SdxlEditModesTest {
    private static ModelRepository models;
    private static StableDiffusionGenerator generator;
    private static final String MODEL = SdxlGoldenTest.sdxl("tiny-sdxl.safetensors").toString();

    @BeforeAll
    static void load() {
        Golden.File io = SdxlGoldenTest.io("sdxl_txt2img_euler");
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults()
                .withTokenizers(SdxlGoldenTest.tokenizer(io, ""), SdxlGoldenTest.tokenizer(io, "_g"));
        models = new ModelRepository(id -> {
            DiffusionModel base = CheckpointLoader.load(java.nio.file.Path.of(MODEL), options);
            if (!id.endsWith("#inpaint")) {
                return base;
            }
            UNetModel unet = new UNetModel(base.unet().config().withInChannels(9));
            RandomInit.initialise(unet, base.weights(), 9);
            return new DiffusionModel("tiny sdxl inpainting", "SDXL inpainting", base.tokenizer(), base.textEncoder(),
                    unet, base.vae(), base.prediction(), base.latentScale(), base.weights(), base.second());
        });
        generator = new StableDiffusionGenerator(models);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static GenerationRequest.Builder base() {
        return GenerationRequest.builder().prompt("cond").negativePrompt("uncond").size(32, 24).steps(3).seed(5)
                .previewEvery(0).modelId(MODEL);
    }

    private static RgbImage run(GenerationRequest r) {
        return generator.generate(r.validated(), Progress.NONE).get(0);
    }

    static List<String> samplers() {
        return Samplers.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void everySamplerRuns(String sampler) {
        RgbImage image = run(base().sampler(sampler).build());
        assertEquals(32, image.width());
        assertEquals(24, image.height());
        assertTrue(Arrays.stream(image.pixels()).distinct().count() > 1, sampler + " made a flat image");
    }

    @Test
    void img2imgInpaintingAndOutpaintingKeepWhatTheyMust() {
        RgbImage init = EditModesTest.photo(32, 24);
        RgbImage zero = run(base().initImage(init).strength(0).build());
        RgbImage half = run(base().initImage(init).strength(0.5).build());
        assertNotEquals(Arrays.toString(zero.pixels()), Arrays.toString(half.pixels()));

        GrayImage mask = EditModesTest.square(32, 24, 8, 8, 8);
        RgbImage inpainted = run(base().initImage(init).mask(mask).maskBlur(0).strength(1).build());
        assertTrue(EditModesTest.assertUnchangedOutside(init, inpainted, mask) > 0, "nothing was repainted");

        OutpaintCanvas canvas = OutpaintCanvas.create(EditModesTest.photo(16, 16), 8, 8, 4, 4, OutpaintFill.EXTEND, 8, 5);
        RgbImage outpainted = run(base().size(canvas.image().width(), canvas.image().height())
                .initImage(canvas.image()).mask(canvas.mask()).maskBlur(0).strength(1).build());
        assertTrue(EditModesTest.assertUnchangedOutside(canvas.image(), outpainted, canvas.mask()) > 0);
    }

    @Test
    void aNineChannelSdxlInpaintingUNetGetsMaskAndMaskedImage() {
        assertTrue(models.get(MODEL + "#inpaint").model().isInpainting());
        RgbImage init = EditModesTest.photo(32, 24);
        GrayImage mask = EditModesTest.square(32, 24, 8, 8, 8);
        RgbImage result = run(base().modelId(MODEL + "#inpaint").initImage(init).mask(mask).maskBlur(0).strength(1).build());
        assertTrue(EditModesTest.assertUnchangedOutside(init, result, mask) > 0);
    }
}
