package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;

/** A checkpoint tensor with NaN or infinity is refused at load, by name, instead of making black pictures. */
class NonFiniteWeightsTest {
    @TempDir
    Path dir;

    private static void load(Path file, String key) {
        try (TensorSource source = new SafetensorsSource(file); NDManager m = NDManager.newBaseManager()) {
            WeightLoader.requireFinite(source, key, source.load(key, m));
        }
    }

    @Test
    void nanAndInfinityAreRefusedNamingTheTensor() throws Exception {
        Path file = dir.resolve("damaged.safetensors");
        new SafetensorsWriter()
                .add("first_stage_model.decoder.conv_out.weight", DType.F32, new long[] {2, 2}, new float[] {0.1f, Float.NaN, 0.2f, 0.3f})
                .add("model.diffusion_model.out.2.bias", DType.F16, new long[] {3}, new float[] {1f, Float.POSITIVE_INFINITY, 0f})
                .add("ok", DType.F32, new long[] {2}, new float[] {1e30f, -1e30f})
                .write(file);
        InvalidRequestException nan = assertThrows(InvalidRequestException.class,
                () -> load(file, "first_stage_model.decoder.conv_out.weight"));
        assertEquals("damaged.safetensors: tensor 'first_stage_model.decoder.conv_out.weight' holds NaN or infinite values; "
                + "the checkpoint is damaged (download or convert it again)", nan.getMessage());
        assertThrows(InvalidRequestException.class, () -> load(file, "model.diffusion_model.out.2.bias"));
        load(file, "ok"); // large but finite
    }
}
