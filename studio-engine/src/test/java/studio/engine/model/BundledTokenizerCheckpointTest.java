package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.nn.Module;
import studio.engine.nn.Param;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;
import studio.engine.text.ClipTokenizer;
import studio.engine.text.TokenChunk;

/**
 * A single-file checkpoint in the original SD 1.x layout with nothing beside it — no tokenizer folder,
 * no option — loads and generates: the engine reads its prompts with the CLIP vocabulary it ships.
 */
class BundledTokenizerCheckpointTest {
    @TempDir
    Path dir;

    /** A tiny SD 1.x-layout checkpoint whose text encoder has CLIP's real 49,408-token vocabulary. */
    private Path tinyCheckpoint() throws Exception {
        Path file = dir.resolve("tiny-sd1.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            UNetModel unet = new UNetModel(new UNetConfig(4, 4, 32, new int[] {1, 2}, 1, new int[] {1}, 8, -1, 1, 64, false));
            AutoencoderKL vae = new AutoencoderKL(new VaeConfig(32, new int[] {1, 2, 2, 2}, 1, 4, 4, 0.18215f));
            ClipTextModel text = new ClipTextModel(new TextEncoderConfig(49408, 64, 1, 1, 77, 64));
            SafetensorsWriter w = new SafetensorsWriter();
            add(w, CheckpointKeys.UNET, unet, m, 1);
            add(w, CheckpointKeys.VAE, vae, m, 2);
            add(w, CheckpointKeys.CLIP, text, m, 3);
            w.write(file);
        }
        return file;
    }

    private static void add(SafetensorsWriter w, String prefix, Module module, NDManager m, long seed) {
        RandomInit.initialise(module, m, seed);
        for (Map.Entry<String, Param> e : module.parameters().entrySet()) {
            w.add(prefix + e.getKey(), DType.F16, e.getValue().shape().getShape(), e.getValue().get().toFloatArray());
        }
    }

    @Test
    void loadsAndGeneratesWithNoTokenizerBesideIt() throws Exception {
        Path file = tinyCheckpoint();
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "nothing but the checkpoint in its folder");
        }
        try (DiffusionModel model = CheckpointLoader.load(file, CheckpointLoader.Options.defaults())) {
            assertTrue(model.tokenizer() instanceof ClipTokenizer, "the bundled CLIP tokenizer, got " + model.tokenizer());
            List<TokenChunk> chunks = model.tokenizer().encodeWeighted("a cat");
            int[] first = java.util.Arrays.copyOf(chunks.get(0).ids(), 4);
            assertArrayEquals(new int[] {49406, 320, 2368, 49407}, first); // CLIP's ids for "a cat"
        }
        ModelRepository models = new ModelRepository(id -> CheckpointLoader.load(Path.of(id), CheckpointLoader.Options.defaults()));
        try (models) {
            GenerationRequest request = GenerationRequest.builder().prompt("a cat").negativePrompt("").size(64, 64)
                    .steps(2).seed(7).sampler("euler").modelId(file.toString()).build().validated();
            List<RgbImage> images = new StableDiffusionGenerator(models).generate(request, Progress.NONE);
            assertEquals(1, images.size());
            assertEquals(64, images.get(0).width());
        }
    }

    @Test
    void anExplicitTokenizerFolderWithoutFilesIsStillRefused() throws Exception {
        Path file = tinyCheckpoint();
        Path empty = Files.createDirectory(dir.resolve("empty"));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> CheckpointLoader.load(file,
                new CheckpointLoader.Options(empty, null, null, null)));
        assertTrue(e.getMessage().contains("--tokenizer " + empty), e.getMessage());
        assertTrue(e.getMessage().contains("leave --tokenizer out"), e.getMessage());
    }
}
