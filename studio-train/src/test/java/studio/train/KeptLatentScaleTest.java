package studio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.io.SafetensorsWriter;

/** A resumed U-Net run keeps the latent scale its checkpoint was trained with; a fresh one measures. */
class KeptLatentScaleTest {
    @TempDir
    Path dir;

    @Test
    void theCheckpointsScaleIsKeptAndAMissingOneIsMeasured() throws IOException {
        Path ckpt = dir.resolve("unet-checkpoint.safetensors");
        assertTrue(UNetTraining.keptLatentScale(ckpt).isEmpty(), "no checkpoint: measure");

        new SafetensorsWriter().metadata(UNetTraining.LATENT_SCALE_KEY, "0.5755")
                .add("unet.w", studio.engine.io.DType.F32, new long[] {1}, new float[] {1f}).write(ckpt);
        assertEquals(0.5755, UNetTraining.keptLatentScale(ckpt).getAsDouble(), 1e-6);

        new SafetensorsWriter().add("unet.w", studio.engine.io.DType.F32, new long[] {1}, new float[] {1f}).write(ckpt);
        assertTrue(UNetTraining.keptLatentScale(ckpt).isEmpty(), "a checkpoint without the key: measure");
    }
}
