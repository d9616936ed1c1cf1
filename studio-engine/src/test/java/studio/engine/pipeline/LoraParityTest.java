package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.engine.api.GenerationRequest;
import studio.engine.api.LoraWeight;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.EmbeddingFolder;
import studio.engine.model.lora.LoraFolder;
import studio.engine.testing.Golden;
import studio.engine.text.ClipTokenizer;
import studio.engine.text.TokenChunk;

/**
 * LoRA and textual inversion end to end against the PyTorch reference (tools/reference/lora_reference.py):
 * the reference merges each LoRA into tiny-sd1's weights by the formula and runs the euler golden run;
 * here the files are read, mapped and merged by the engine.
 */
class LoraParityTest {
    static final Path DIR = Golden.root().resolve("lora");
    private static final Path TINY = Golden.blocks("tiny-sd1.safetensors");

    private static ModelRepository goldenIdsRepository(Golden.File io) {
        Map<String, long[]> ids = Map.of("cond", io.get("cond_ids").longs(), "uncond", io.get("uncond_ids").longs(),
                "", io.get("uncond_ids").longs());
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults().withTokenizer(new GoldenIdsTokenizer(ids));
        return new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options));
    }

    private static List<LoraWeight> loras(JsonObject params) {
        List<LoraWeight> out = new ArrayList<>();
        for (JsonElement e : params.getAsJsonArray("loras")) {
            JsonObject o = e.getAsJsonObject();
            String name = o.get("name").getAsString();
            out.add(new LoraWeight(name, DIR.resolve(name + ".safetensors").toString(), o.get("unet").getAsDouble(),
                    o.get("text").getAsDouble()));
        }
        return out;
    }

    private static double psnr(RgbImage image, String png) throws Exception {
        BufferedImage expected = ImageIO.read(DIR.resolve(png).toFile());
        return CheckpointParityTest.psnr(image, expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kohya_linear", "locon", "peft", "two_loras"})
    void eachFormatReproducesTheMergedReference(String run) throws Exception {
        Golden.File io = Golden.read(DIR.resolve("sd1_lora_" + run + ".io.safetensors"));
        try (ModelRepository models = goldenIdsRepository(io)) {
            GenerationRequest request = CheckpointParityTest.goldenRequest(io, TINY).loras(loras(io.params())).build();
            RgbImage image = new StableDiffusionGenerator(models).generate(request.validated(), Progress.NONE).get(0);
            double db = psnr(image, "sd1_lora_" + run + ".png");
            assertTrue(db >= 40, run + ": PSNR " + db + " dB against the reference PNG");
        }
    }

    @Test
    void thePromptTagNamesAFileOfTheFolderWithTextAndUNetWeights() throws Exception {
        Golden.File io = Golden.read(DIR.resolve("sd1_lora_prompt_tag.io.safetensors"));
        String prompt = io.params().get("prompt").getAsString();
        List<LoraWeight> resolved = new LoraFolder(DIR).resolveAll(prompt);
        assertEquals(List.of(new LoraWeight("kohya_linear", DIR.resolve("kohya_linear.safetensors").toString(), 0.5, 1.2)),
                resolved);
        try (ModelRepository models = goldenIdsRepository(io)) {
            GenerationRequest request = CheckpointParityTest.goldenRequest(io, TINY).prompt(prompt).loras(resolved).build();
            RgbImage image = new StableDiffusionGenerator(models).generate(request.validated(), Progress.NONE).get(0);
            double db = psnr(image, "sd1_lora_prompt_tag.png");
            assertTrue(db >= 40, "prompt tag: PSNR " + db + " dB against the reference PNG");
        }
    }

    /** Weight 0 is the base image; removing every LoRA gives back the base pixels exactly, with no reload. */
    @Test
    void weightZeroAndRemovalGiveTheBaseImage() throws Exception {
        Golden.File io = Golden.read(DIR.resolve("sd1_lora_two_loras.io.safetensors"));
        try (ModelRepository models = goldenIdsRepository(io)) {
            StableDiffusionGenerator generator = new StableDiffusionGenerator(models);
            GenerationRequest base = CheckpointParityTest.goldenRequest(io, TINY).build().validated();
            RgbImage before = generator.generate(base, Progress.NONE).get(0);
            LoadedModel loaded = models.get(TINY.toString());

            List<LoraWeight> zero = loras(io.params()).stream()
                    .map(l -> new LoraWeight(l.name(), l.path(), 0, 0)).toList();
            RgbImage atZero = generator.generate(base.toBuilder().loras(zero).build(), Progress.NONE).get(0);
            BufferedImage reference = ImageIO.read(Golden.blocks("sd1_txt2img_euler.png").toFile());
            assertTrue(CheckpointParityTest.psnr(atZero, reference) >= 40, "weight 0 against the base reference");
            assertArrayEquals(before.pixels(), atZero.pixels(), "weight 0 adds exact zeros");

            generator.generate(base.toBuilder().loras(loras(io.params())).build(), Progress.NONE);
            assertTrue(loaded.loras().patchedTensors() > 0);
            RgbImage after = generator.generate(base, Progress.NONE).get(0);
            assertEquals(0, loaded.loras().patchedTensors());
            assertArrayEquals(before.pixels(), after.pixels(), "no LoRA again: the base image, bit for bit");
            assertTrue(loaded == models.get(TINY.toString()), "the same loaded model throughout: nothing reloaded");
        }
    }

    @Test
    void textualInversionWordsTakeTheirVectorsInPromptAndNegativePrompt() throws Exception {
        Golden.File io = Golden.read(DIR.resolve("sd1_textual_inversion.io.safetensors"));
        JsonObject params = io.params();
        CheckpointLoader.Options options = new CheckpointLoader.Options(DIR.resolve("tokenizer"), null, null, null);
        EmbeddingFolder embeddings = new EmbeddingFolder(DIR.resolve("embeddings"));
        try (ModelRepository models = new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options))) {
            var model = models.get(TINY.toString()).model();
            List<TokenChunk> cond = ((ClipTokenizer) model.tokenizer()).encodeWeighted(params.get("prompt").getAsString(),
                    embeddings.forModel(model));
            assertArrayEquals(io.get("cond_ids").longs(), java.util.Arrays.stream(cond.get(0).ids()).asLongStream().toArray());
            assertEquals("[lsemb@2x2]", cond.get(0).embeddings().toString());

            GenerationRequest request = CheckpointParityTest.goldenRequest(io, TINY).prompt(params.get("prompt").getAsString())
                    .negativePrompt(params.get("negative").getAsString()).embeddingFolder(embeddings.dir().toString())
                    .build().validated();
            RgbImage image = new StableDiffusionGenerator(models).generate(request, Progress.NONE).get(0);
            double db = psnr(image, "sd1_textual_inversion.png");
            assertTrue(db >= 40, "textual inversion: PSNR " + db + " dB against the reference PNG");

            // ComfyUI's explicit form names the same embedding
            RgbImage comfy = new StableDiffusionGenerator(models).generate(
                    request.toBuilder().prompt("a embedding:lsemb cat").negativePrompt("ugly, embedding:negemb.safetensors")
                            .build(), Progress.NONE).get(0);
            assertArrayEquals(image.pixels(), comfy.pixels());
        }
    }
}
