package studio.engine.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The golden fixtures are usable as an oracle: each io file points at weights that exist, the
 * fixture reader decodes F16 exactly as libtorch does, and the sampling noise follows the
 * project's seed convention when drawn through DJL.
 */
class GoldenFixturesTest {

    @Test
    void everyIoFileNamesWeightsThatExist() throws IOException {
        List<Path> ioFiles;
        try (Stream<Path> s = Files.list(Golden.blocks(""))) {
            ioFiles = s.filter(p -> p.getFileName().toString().endsWith(".io.safetensors")).sorted().toList();
        }
        assertFalse(ioFiles.isEmpty(), "no io fixtures under " + Golden.blocks(""));
        for (Path io : ioFiles) {
            Golden.File f = Golden.read(io);
            String prefix = f.metadata().get("studio.prefix");
            if (prefix == null) {
                continue;  // self-contained (groupnorm, schedule) or sampling runs naming a whole checkpoint
            }
            String ckpt = f.metadata().get("studio.checkpoint");
            Golden.File weights = ckpt == null ? f : Golden.read(Golden.blocks(ckpt));
            assertTrue(weights.tensors().keySet().stream().anyMatch(k -> k.startsWith(prefix)),
                    io.getFileName() + ": no tensor under prefix '" + prefix + "' in " + ckpt);
        }
    }

    @Test
    void halfPrecisionDecodingAgreesWithLibtorchForAllBitPatterns() {
        ByteBuffer buf = ByteBuffer.allocateDirect(2 * 65536).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 65536; i++) {
            buf.putShort((short) i);
        }
        buf.rewind();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float[] torch = manager.create(buf, new Shape(65536), DataType.FLOAT16)
                    .toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < 65536; i++) {
                float ours = Golden.halfToFloat((short) i);
                assertEquals(Float.floatToIntBits(torch[i]), Float.floatToIntBits(ours),
                        "F16 bits 0x" + Integer.toHexString(i) + ": libtorch " + torch[i] + ", reader " + ours);
            }
        }
    }

    @Test
    void seededDjlNoiseEqualsTheReferenceNoise() {
        Golden.File run = Golden.read(Golden.blocks("sd1_txt2img_euler.io.safetensors"));
        long seed = run.params().get("seed").getAsLong();
        Golden.Tensor expected = run.get("noise");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            JniUtils.setSeed(seed);
            NDArray noise = manager.randomNormal(new Shape(expected.shape()));
            assertArrayEquals(expected.floats(), noise.toFloatArray(),
                    "torch.manual_seed(" + seed + "); torch.randn(...) must equal DJL's seeded randomNormal");
        }
    }

    @Test
    void ancestralStepNoiseContinuesTheSeededStream() {
        Golden.File run = Golden.read(Golden.blocks("sd1_txt2img_euler_a.io.safetensors"));
        Golden.Tensor steps = run.get("step_noise");
        int perStep = steps.size() / (int) steps.shape()[0];
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            JniUtils.setSeed(run.params().get("seed").getAsLong());
            Shape shape = new Shape(run.get("noise").shape());
            manager.randomNormal(shape);  // the initial latent comes first
            for (int i = 0; i < steps.shape()[0]; i++) {
                float[] expected = Arrays.copyOfRange(steps.floats(), i * perStep, (i + 1) * perStep);
                assertArrayEquals(expected, manager.randomNormal(shape).toFloatArray(),
                        "step noise " + i + " must be the next draw of the seeded generator");
            }
        }
    }
}
