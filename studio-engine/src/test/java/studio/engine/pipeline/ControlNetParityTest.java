package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.CheckpointLoader;
import studio.engine.testing.Golden;

/**
 * ControlNet end to end against the ORIGINAL cldm.py code (ControlNet + ControlledUnetModel) with
 * sd-webui-controlnet's control semantics, on tiny-sd1 and two tiny ControlNets
 * ({@code tools/reference/controlnet_reference.py}): every control mode, start/end, two ControlNets
 * at once, DDIM as well as Euler, the three file layouts; weight 0 is the uncontrolled picture.
 */
class ControlNetParityTest {
    private static ModelRepository models;

    @BeforeAll
    static void load() {
        Golden.File io = io("cn_balanced_euler");
        Map<String, long[]> ids = Map.of("cond", io.get("cond_ids").longs(), "uncond", io.get("uncond_ids").longs(),
                "", io.get("uncond_ids").longs());
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids));
        models = new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    static Path fixture(String name) {
        return Golden.root().resolve("controlnet").resolve(name);
    }

    static Golden.File io(String run) {
        return Golden.read(fixture(run + ".io.safetensors"));
    }

    static RgbImage image(Path file) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        return new RgbImage(img.getWidth(), img.getHeight(),
                img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
    }

    /** The golden run's request, its ControlNets read from {@code layouts} (model name → file) or their files. */
    static GenerationRequest request(Golden.File io, Map<String, String> layouts) throws Exception {
        JsonObject params = io.params();
        List<ControlUnit> units = new ArrayList<>();
        for (JsonElement e : params.getAsJsonArray("controls")) {
            JsonObject c = e.getAsJsonObject();
            String model = c.get("model").getAsString();
            String file = layouts.getOrDefault(model, model + ".safetensors");
            units.add(ControlUnit.of(fixture(file).toString(), image(fixture(c.get("hint").getAsString())), "none")
                    .withWeight(c.get("weight").getAsDouble())
                    .withRange(c.get("start").getAsDouble(), c.get("end").getAsDouble())
                    .withMode(ControlMode.parse(c.get("mode").getAsString())));
        }
        return CheckpointParityTest.goldenRequest(io, Golden.blocks("tiny-sd1.safetensors")).controls(units).build()
                .validated();
    }

    static RgbImage generate(GenerationRequest request) {
        return new StableDiffusionGenerator(models).generate(request, Progress.NONE).get(0);
    }

    static double psnr(RgbImage actual, Path png) throws Exception {
        return CheckpointParityTest.psnr(actual, ImageIO.read(png.toFile()));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "cn_balanced_euler, single file with control_model. prefix",
        "cn_prompt_euler, single file with control_model. prefix",
        "cn_control_euler, single file with control_model. prefix",
        "cn_start_end_euler, single file with control_model. prefix",
        "cn_two_euler, second file without prefix",
        "cn_control_ddim, single file with control_model. prefix",
        "cn_balanced_euler, diffusers folder",
        "cn_two_euler, diffusers folder and file without prefix"})
    void steersAsTheOriginalCode(String run, String layout) throws Exception {
        Map<String, String> layouts = layout.startsWith("diffusers")
                ? Map.of("tiny-controlnet-a", "tiny-controlnet-a-diffusers") : Map.of();
        RgbImage image = generate(request(io(run), layouts));
        double psnr = psnr(image, fixture(run + ".png"));
        assertTrue(psnr >= 40, run + " (" + layout + "): PSNR " + psnr + " dB against the reference");
    }

    /**
     * bf16 arithmetic (bf16 precision on a CPU with bf16 instructions): the ControlNets compute in bf16
     * beside the U-Net and their residuals join its bf16 activations, in every mode (the "control" mode
     * fills the unsteered rows with zeros) and with two ControlNets at once.
     */
    @ParameterizedTest(name = "{0} in bf16 arithmetic")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cn_balanced_euler", "cn_control_euler", "cn_two_euler"})
    void steersInBf16Arithmetic(String run) throws Exception {
        Golden.File io = io("cn_balanced_euler");
        Map<String, long[]> ids = Map.of("cond", io.get("cond_ids").longs(), "uncond", io.get("uncond_ids").longs(),
                "", io.get("uncond_ids").longs());
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids));
        try (var arithmetic = studio.engine.testing.TemporaryProperty.set(studio.engine.nn.Bf16Arithmetic.PROPERTY, "on");
             ModelRepository bf16 = new ModelRepository((id, p) -> CheckpointLoader.load(Path.of(id), options.withPrecision(p)))) {
            GenerationRequest request = request(io(run), Map.of()).toBuilder().precision("bf16").build().validated();
            RgbImage image = new StableDiffusionGenerator(bf16).generate(request, Progress.NONE).get(0);
            double psnr = psnr(image, fixture(run + ".png"));
            System.out.printf(java.util.Locale.ROOT, "%s in bf16 arithmetic: PSNR %.1f dB against the fp32 reference%n", run, psnr);
            assertTrue(psnr >= 32, run + " in bf16: PSNR " + psnr + " dB against the reference");
            assertEquals(studio.engine.nn.Precision.BF16, bf16.get(request.modelId()).model().unet().precision());
        }
    }

    @Test
    void theControlMattersInEveryRun() throws Exception {
        RgbImage plain = generate(request(io("cn_balanced_euler"), Map.of()).toBuilder().controls(List.of()).build());
        for (String run : List.of("cn_balanced_euler", "cn_prompt_euler", "cn_start_end_euler", "cn_two_euler")) {
            double psnr = psnr(plain, fixture(run + ".png"));
            assertTrue(psnr < 35, run + " is too close to the uncontrolled picture (" + psnr + " dB): the fixture "
                    + "would not catch a control that does nothing");
        }
    }

    @Test
    void weightZeroIsTheUncontrolledPicture() throws Exception {
        GenerationRequest controlled = request(io("cn_balanced_euler"), Map.of());
        GenerationRequest zero = controlled.toBuilder()
                .controls(List.of(controlled.controls().get(0).withWeight(0))).build();
        RgbImage plain = generate(controlled.toBuilder().controls(List.of()).build());
        assertEquals(plain, generate(zero));
        double psnr = psnr(generate(zero), Golden.blocks("sd1_txt2img_euler.png"));
        assertTrue(psnr >= 40, "weight 0 against the uncontrolled reference: " + psnr + " dB");
    }

    @Test
    void aControlNetForAnotherModelIsRefusedByName() throws Exception {
        GenerationRequest onDefault = request(io("cn_balanced_euler"), Map.of()).toBuilder()
                .modelId(GenerationRequest.DEFAULT_MODEL).size(64, 64).build();
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> generate(onDefault));
        assertTrue(e.getMessage().contains("ControlNet tiny-controlnet-a was made for"), e.getMessage());
        assertTrue(e.getMessage().contains("not for default"), e.getMessage());
    }

    @Test
    void aControlNetGivenAsTheModelIsRefusedWithWhatToDo() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> generate(
                GenerationRequest.builder().modelId(fixture("tiny-controlnet-b.safetensors").toString()).size(16, 16)
                        .build()));
        assertTrue(e.getMessage().contains("is a ControlNet, not a model"), e.getMessage());
    }

    @Test
    void img2imgAndInpaintingAreSteeredToo() throws Exception {
        GenerationRequest txt = request(io("cn_balanced_euler"), Map.of());
        RgbImage init = image(Golden.root().resolve("img2img").resolve("sd1_img2img_init.png"));
        GenerationRequest img2img = txt.toBuilder().initImage(init).strength(0.6).build();
        GenerationRequest plainImg2img = img2img.toBuilder().controls(List.of()).build();
        assertNotEquals(generate(plainImg2img), generate(img2img));
        float[] ones = new float[16 * 16];
        java.util.Arrays.fill(ones, 0, 16 * 8, 1f);
        GenerationRequest inpaint = img2img.toBuilder().mask(new studio.engine.image.GrayImage(16, 16, ones)).build();
        RgbImage steered = generate(inpaint);
        assertNotEquals(generate(inpaint.toBuilder().controls(List.of()).build()), steered);
        // the kept half stays the init image's, whatever steers the repainted half
        assertEquals(init.argb(3, 15), steered.argb(3, 15));
    }
}
