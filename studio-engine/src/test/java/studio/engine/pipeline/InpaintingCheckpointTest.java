package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.edit.Masks;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.DiffusionModel;
import studio.engine.model.SafetensorsSource;
import studio.engine.model.WeightLoader;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.testing.Golden;

/** The 9-channel path: a tiny random inpainting U-Net gets mask and masked-image latents as extra input. */
class InpaintingCheckpointTest {

    private static DiffusionModel withInpaintingUNet(DiffusionModel base, NDManager weights) {
        UNetConfig c = base.unet().config().withInChannels(9);
        UNetModel unet = new UNetModel(c);
        try (SafetensorsSource source = new SafetensorsSource(Golden.blocks("tiny-sd1-inpaint-unet.safetensors"))) {
            new WeightLoader().add("unet", CheckpointKeys.UNET, unet)
                    .load(source, weights, List.of(CheckpointKeys.UNET), k -> false);
        }
        return new DiffusionModel("tiny inpainting", base.family() + " inpainting", base.tokenizer(), base.textEncoder(),
                unet, base.vae(), base.prediction(), base.latentScale(), weights);
    }

    @Test
    void nineChannelModelInpaintsWithItsNativeConditioningAndKeepsTheRest() {
        Map<String, long[]> ids = Map.of("", new long[77], "cond", new long[77]);
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids));
        RgbImage init = EditModesTest.photo(16, 16);
        GrayImage mask = EditModesTest.square(16, 16, 4, 4, 8);
        GenerationRequest request = GenerationRequest.builder().prompt("cond").size(16, 16).steps(5).seed(3)
                .initImage(init).mask(mask).maskBlur(0).strength(1).previewEvery(0).build().validated();
        RgbImage regular;
        RgbImage inpainting;
        try (ModelRepository models = new ModelRepository(id -> CheckpointLoader.load(Golden.blocks("tiny-sd1.safetensors"), options))) {
            regular = new StableDiffusionGenerator(models).generate(request.toBuilder().modelId("tiny").build(), Progress.NONE).get(0);
        }
        try (ModelRepository models = new ModelRepository(id -> {
            DiffusionModel base = CheckpointLoader.load(Golden.blocks("tiny-sd1.safetensors"), options);
            return withInpaintingUNet(base, base.weights());
        })) {
            DiffusionModel loaded = models.get("tiny-inpaint").model();
            assertTrue(loaded.isInpainting());
            inpainting = new StableDiffusionGenerator(models).generate(request.toBuilder().modelId("tiny-inpaint").build(),
                    Progress.NONE).get(0);
        }
        GrayImage keep = Masks.blur(mask, 0);
        int changed = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                if (keep.value(x, y) == 0f) {
                    assertEquals(init.argb(x, y), inpainting.argb(x, y), "kept pixel " + x + "," + y);
                } else if (init.argb(x, y) != inpainting.argb(x, y)) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 32, "the masked square is repainted: " + changed);
        assertNotEquals(regular, inpainting, "the 9-channel U-Net, not the regular one, did the work");
    }
}
