package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.testing.Golden;

/**
 * A checkpoint with every key and shape of sd_xl_base_1.0.safetensors (golden/sdxl_keys.json, from
 * sgm's U-Net and the CLIP-L / bigG / VAE architectures) and no data — its data region a hole in a
 * sparse file — is detected as SDXL with the base configuration, and every one of its 2515 keys maps
 * onto a block (or is one the loader knows to skip).
 */
class SdxlHeaderOnlyTest {
    @TempDir
    Path dir;

    /** The real SDXL base layout as a header-only file. */
    static Path writeSdxlBase(Path file) throws Exception {
        return writeSdxlBase(file, Map.of());
    }

    /** As {@link #writeSdxlBase(Path)}, some tensors with other shapes. */
    static Path writeSdxlBase(Path file, Map<String, long[]> reshaped) throws Exception {
        JsonObject keys = JsonParser.parseString(Files.readString(Golden.root().resolve("sdxl_keys.json"))).getAsJsonObject();
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, JsonElement> e : keys.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject t = e.getValue().getAsJsonObject();
            long[] shape = new long[t.getAsJsonArray("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.getAsJsonArray("shape").get(i).getAsLong();
            }
            w.addZeros(e.getKey(), DType.fromName(t.get("dtype").getAsString()).orElseThrow(),
                    reshaped.getOrDefault(e.getKey(), shape));
        }
        w.write(file);
        return file;
    }

    @Test
    void detectsSdxlBaseAndEveryKeyMaps() throws Exception {
        Path file = writeSdxlBase(dir.resolve("sd_xl_base_1.0.safetensors"));
        try (TensorSource source = CheckpointLoader.open(file)) {
            // bigG's 32 fused in_proj weights and 32 biases each become q, k and v: 64 more tensors x 2
            assertEquals(2515 + 64 * 2, source.keys().size(), "tensors in the canonical view");
            ModelSpec spec = CheckpointLoader.detect(source, null);
            assertEquals("SDXL", spec.family());
            assertEquals(UNetConfig.sdxl(), spec.unet());
            assertEquals(TextEncoderConfig.sdxlClipL(), spec.text());
            assertEquals(TextEncoderConfig.sdxlBigG(), spec.text2());
            assertEquals(0.13025f, spec.latentScale());
            assertEquals(128, spec.vae().ch());
            WeightLoader loader = new WeightLoader()
                    .add("unet", CheckpointKeys.UNET, new UNetModel(spec.unet()))
                    .add("vae", CheckpointKeys.VAE, new AutoencoderKL(spec.vae()))
                    .add("text encoder", CheckpointKeys.SDXL_CLIP, new ClipTextModel(spec.text()))
                    .add("second text encoder", CheckpointKeys.SDXL_OPEN_CLIP, new ClipTextModel(spec.text2()));
            loader.check(source, CheckpointLoader.ownedPrefixes(spec.textEncoder()),
                    CheckpointLoader::unusedByStableDiffusion);
            long unet = new UNetModel(spec.unet()).parameterCount();
            assertEquals(2_567_463_684L, unet, "sgm's SDXL base U-Net");
        }
        assertTrue(Files.size(file) > 5_000_000_000L, "the file has the real size: " + Files.size(file));
    }

    /** SDXL inpainting checkpoints differ only by their 9-channel input convolution (latent, mask, masked image). */
    @Test
    void nineInputChannelsAreSdxlInpainting() throws Exception {
        Path file = writeSdxlBase(dir.resolve("sd_xl_inpaint.safetensors"),
                Map.of(CheckpointKeys.UNET + "input_blocks.0.0.weight", new long[] {320, 9, 3, 3}));
        try (TensorSource source = CheckpointLoader.open(file)) {
            ModelSpec spec = CheckpointLoader.detect(source, null);
            assertEquals("SDXL inpainting", spec.family());
            assertEquals(UNetConfig.sdxl().withInChannels(9), spec.unet());
            new WeightLoader().add("unet", CheckpointKeys.UNET, new UNetModel(spec.unet()))
                    .check(source, java.util.List.of(CheckpointKeys.UNET), CheckpointLoader::unusedByStableDiffusion);
        }
    }
}
