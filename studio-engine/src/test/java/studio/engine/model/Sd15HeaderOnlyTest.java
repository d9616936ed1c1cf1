package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;
import studio.engine.testing.Golden;

/**
 * A checkpoint with every real SD 1.5 key and shape (from the reference's key list) but no data — a
 * sparse file — is detected as SD 1.x with the SD 1.5 configuration, and every key maps onto a block.
 */
class Sd15HeaderOnlyTest {
    @TempDir
    Path dir;

    private Path writeSd15(Path file, String dropKey, String extraKey) throws Exception {
        JsonObject keys = JsonParser.parseString(Files.readString(Golden.root().resolve("sd15_keys.json"))).getAsJsonObject();
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, JsonElement> e : keys.entrySet()) {
            if (e.getKey().equals("__metadata__") || e.getKey().equals(dropKey)) {
                continue;
            }
            JsonObject t = e.getValue().getAsJsonObject();
            long[] shape = new long[t.getAsJsonArray("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.getAsJsonArray("shape").get(i).getAsLong();
            }
            w.addZeros(e.getKey(), DType.fromName(t.get("dtype").getAsString()).orElseThrow(), shape);
        }
        if (extraKey != null) {
            w.addZeros(extraKey, DType.F16, new long[] {4});
        }
        w.write(file);
        return file;
    }

    @Test
    void itsTokenizerIsReadWithoutItsWeightsForThePromptCounter() throws Exception {
        // The data region is zeros on disk: the tokenizer comes from the header and the bundled CLIP vocabulary.
        Path file = writeSd15(dir.resolve("v1-5.safetensors"), null, null);
        studio.engine.text.PromptTokenizer tokenizer = ModelTokenizers.of(file.toString(), (Path) null);
        assertEquals(77, tokenizer.contextLength());
        studio.engine.text.PromptReading reading = tokenizer.read("a photograph of an astronaut riding a horse");
        assertEquals(8, reading.tokens());
        assertEquals(75, reading.capacity());
        assertTrue(reading.unknownWords().isEmpty());
    }

    @Test
    void detectsSd15AndEveryKeyMaps() throws Exception {
        Path file = writeSd15(dir.resolve("v1-5.safetensors"), null, null);
        try (TensorSource source = CheckpointLoader.open(file)) {
            ModelSpec spec = CheckpointLoader.detect(source, null);
            assertEquals("SD 1.x", spec.family());
            assertEquals(UNetConfig.sd15(), spec.unet());
            VaeConfig vae = spec.vae();
            assertEquals(128, vae.ch());
            assertArrayEquals(new int[] {1, 2, 4, 4}, vae.chMult());
            assertEquals(2, vae.numResBlocks());
            assertEquals(768, spec.text().width());
            assertEquals(12, spec.text().layers());
            assertEquals(12, spec.text().heads());
            assertEquals(0.18215f, spec.latentScale());
            WeightLoader loader = new WeightLoader()
                    .add("unet", CheckpointKeys.UNET, new UNetModel(spec.unet()))
                    .add("vae", CheckpointKeys.VAE, new AutoencoderKL(spec.vae()))
                    .add("text encoder", CheckpointKeys.CLIP, new ClipTextModel(spec.text()));
            loader.check(source, List.of(CheckpointKeys.UNET, CheckpointKeys.VAE, "cond_stage_model."),
                    CheckpointLoader::unusedByStableDiffusion);
        }
    }

    @Test
    void aMissingAndAnUnexpectedKeyAreBothNamed() throws Exception {
        String missing = "model.diffusion_model.output_blocks.5.2.conv.weight";
        Path file = writeSd15(dir.resolve("broken.safetensors"), missing, "model.diffusion_model.extra.weight");
        try (TensorSource source = CheckpointLoader.open(file)) {
            ModelSpec spec = CheckpointLoader.detect(source, null);
            WeightLoader loader = new WeightLoader().add("unet", CheckpointKeys.UNET, new UNetModel(spec.unet()));
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> loader.check(source,
                    List.of(CheckpointKeys.UNET), CheckpointLoader::unusedByStableDiffusion));
            assertTrue(e.getMessage().contains("unet: missing 1 keys: " + missing), e.getMessage());
            assertTrue(e.getMessage().contains("unexpected 1 keys: model.diffusion_model.extra.weight"), e.getMessage());
            assertTrue(e.getMessage().startsWith("broken.safetensors"), e.getMessage());
        }
    }

    @Test
    void notACheckpointIsRefusedClearly() throws Exception {
        Path file = dir.resolve("other.safetensors");
        new SafetensorsWriter().add("weight", DType.F32, new long[] {2}, new float[] {1, 2}).write(file);
        try (TensorSource source = CheckpointLoader.open(file)) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> CheckpointLoader.detect(source, null));
            assertTrue(e.getMessage().contains("not a Stable Diffusion checkpoint"), e.getMessage());
        }
        assertThrows(InvalidRequestException.class, () -> CheckpointLoader.open(dir.resolve("absent.safetensors")));
        Path ckpt = Files.writeString(dir.resolve("model.ckpt"), "pickle");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> CheckpointLoader.open(ckpt));
        assertTrue(e.getMessage().contains("convert it to safetensors"), e.getMessage());
    }
}
