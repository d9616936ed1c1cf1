package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.nn.Param;
import studio.engine.nn.unet.ControlNetConfig;
import studio.engine.nn.unet.ControlNetModel;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.testing.Golden;

/**
 * An SD 1.5 ControlNet at its real shapes, header only (a sparse file): its encoder's keys are the real
 * SD 1.5 U-Net's (from the reference's key list), it is detected as a ControlNet for SD 1.x with 13
 * residuals, and it fits SD 1.5.
 */
class ControlNetSd15HeaderTest {
    @TempDir
    Path dir;

    @Test
    void anSd15ControlNetIsDetectedAndFitsSd15() throws Exception {
        ControlNetConfig config = new ControlNetConfig(UNetConfig.sd15(), 3, ControlNet.standardHintWidths(320));
        ControlNetModel net = new ControlNetModel(config);
        JsonObject sd15 = JsonParser.parseString(Files.readString(Golden.root().resolve("sd15_keys.json"))).getAsJsonObject();
        SafetensorsWriter w = new SafetensorsWriter();
        int encoderKeys = 0;
        for (Map.Entry<String, Param> e : net.parameters().entrySet()) {
            String key = e.getKey();
            long[] shape = e.getValue().shape().getShape();
            if (!key.startsWith("input_hint_block.") && !key.startsWith("zero_convs.") && !key.startsWith("middle_block_out.")) {
                // the encoder is a copy of the U-Net's: same key, same shape as in a real SD 1.5 file
                JsonObject real = sd15.getAsJsonObject(CheckpointKeys.UNET + key);
                assertNotNull(real, key + " is not an SD 1.5 U-Net key");
                long[] realShape = new com.google.gson.Gson().fromJson(real.get("shape"), long[].class);
                assertArrayEquals(realShape, shape, key);
                encoderKeys++;
            }
            w.addZeros(CheckpointKeys.CONTROL + key, DType.F16, shape);
        }
        assertTrue(encoderKeys > 150, "encoder keys: " + encoderKeys);
        Path file = dir.resolve("control_sd15_canny.safetensors");
        w.write(file);
        assertTrue(ControlNetLoader.isControlNet(file));
        try (TensorSource source = ControlNetLoader.open(file)) {
            ControlNetSpec spec = ControlNetLoader.detect(source);
            assertEquals("SD 1.x", spec.family());
            assertEquals(config, spec.config());
            assertEquals(13, new ControlNetModel(spec.config()).residualCount());
            assertEquals(13, new UNetModel(UNetConfig.sd15()).controlCount());
            spec.requireFits(UNetConfig.sd15(), "SD 1.x", "control_sd15_canny", "v1-5");
            new WeightLoader().add("controlnet", CheckpointKeys.CONTROL, new ControlNetModel(spec.config()))
                    .check(source, List.of(CheckpointKeys.CONTROL), k -> false);
        }
    }
}
