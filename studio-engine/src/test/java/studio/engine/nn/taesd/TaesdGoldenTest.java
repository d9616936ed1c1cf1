package studio.engine.nn.taesd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.TaesdLoader;
import studio.engine.testing.Golden;

/**
 * TAESD against the original taesd.py (tools/reference/taesd_reference.py): the same seeded random
 * weights, written here into safetensors files under taesd.py's own names and under diffusers'
 * AutoencoderTiny names (both lists of names come from the reference), loaded through
 * {@link TaesdLoader}; decoder and encoder outputs must match in both namings.
 */
class TaesdGoldenTest {
    private static final double TOLERANCE = 1e-4;
    private static final double MIN_PSNR_DB = 40;

    private record Weight(String key, String diffusers, long[] shape, float[] values) {
    }

    private static Golden.File io;
    private static List<Weight> decoderWeights;
    private static List<Weight> encoderWeights;

    @BeforeAll
    static void redrawWeights() {
        io = Golden.read(Golden.root().resolve("taesd").resolve("taesd.io.safetensors"));
        decoderWeights = redraw(io.params(), "decoder");
        encoderWeights = redraw(io.params(), "encoder");
    }

    /** torch.manual_seed(seed); torch.randn(shape) * std, per tensor, with libtorch's own generator. */
    private static List<Weight> redraw(JsonObject params, String part) {
        List<Weight> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (JsonElement e : params.getAsJsonArray(part)) {
                JsonObject w = e.getAsJsonObject();
                long[] shape = new long[w.getAsJsonArray("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.getAsJsonArray("shape").get(i).getAsLong();
                }
                JniUtils.setSeed(w.get("seed").getAsLong());
                float[] values = m.randomNormal(new Shape(shape)).mul(w.get("std").getAsFloat()).toFloatArray();
                out.add(new Weight(w.get("key").getAsString(), w.get("diffusers").getAsString(), shape, values));
            }
        }
        return out;
    }

    private static void write(Path file, List<Weight> weights, boolean diffusersNames) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        for (Weight weight : weights) {
            w.add(diffusersNames ? weight.diffusers() : weight.key(), DType.F32, weight.shape(), weight.values());
        }
        w.write(file);
    }

    @Test
    void taesdNamesMatchTheOriginal(@TempDir Path dir) throws IOException {
        Path decoder = dir.resolve("taesd_decoder.safetensors");
        write(decoder, decoderWeights, false);
        write(dir.resolve("taesd_encoder.safetensors"), encoderWeights, false);
        try (TinyAutoencoder taesd = TaesdLoader.load(decoder)) {
            assertEquals(TinyAutoencoder.Variant.SD, taesd.variant());
            assertTrue(taesd.hasEncoder(), "the encoder file beside the decoder is loaded too");
            checkBoth(taesd, "taesd.py names");
        }
    }

    @Test
    void diffusersNamesMatchTheOriginal(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("taesdxl"));
        List<Weight> both = new ArrayList<>(encoderWeights);
        both.addAll(decoderWeights);
        write(folder.resolve("diffusion_pytorch_model.safetensors"), both, true);
        try (TinyAutoencoder taesd = TaesdLoader.load(folder)) {
            assertEquals(TinyAutoencoder.Variant.SDXL, taesd.variant());
            checkBoth(taesd, "diffusers names");
        }
    }

    @Test
    void aDecoderFileAloneLoadsWithoutEncoder(@TempDir Path dir) throws IOException {
        Path decoder = dir.resolve("taesdxl_decoder.safetensors");
        write(decoder, decoderWeights, false);
        try (TinyAutoencoder taesd = TaesdLoader.load(decoder); NDManager m = NDManager.newBaseManager()) {
            assertFalse(taesd.hasEncoder());
            assertThrows(IllegalStateException.class, () -> taesd.encode(m.zeros(new Shape(1, 3, 8, 8))));
        }
    }

    @Test
    void unknownAndMissingKeysAreRefusedByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        String dropped = decoderWeights.get(1).key();
        decoderWeights.stream().filter(x -> !x.key().equals(dropped))
                .forEach(x -> w.add(x.key(), DType.F32, x.shape(), x.values()));
        w.add("extra.weight", DType.F32, new long[] {1}, new float[] {0});
        w.write(file);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> TaesdLoader.load(file));
        assertTrue(e.getMessage().contains("extra.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("decoder." + dropped), e.getMessage());
    }

    private static void checkBoth(TinyAutoencoder taesd, String naming) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray latent = array(m, "latent");
            compare(taesd.decode(latent).toFloatArray(), io.floats("image"), naming + " decoder");
            compare(taesd.encode(array(m, "pixels")).toFloatArray(), io.floats("encoded"), naming + " encoder");
        }
    }

    private static NDArray array(NDManager m, String name) {
        Golden.Tensor t = io.get(name);
        return m.create(t.floats(), new Shape(t.shape()));
    }

    private static void compare(float[] actual, float[] expected, String what) {
        double rel = Golden.relativeError(actual, expected);
        double psnr = Golden.psnr(actual, expected);
        System.out.printf("TAESD %s: relative error %.3g, PSNR %.1f dB%n", what, rel, psnr);
        assertTrue(rel <= TOLERANCE, what + ": relative error " + rel);
        assertTrue(psnr >= MIN_PSNR_DB, what + ": PSNR " + psnr + " dB");
    }
}
