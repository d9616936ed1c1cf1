package studio.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;

/**
 * The variation seed's starting noise against AUTOMATIC1111's formula run on PyTorch 1.13
 * ({@code tools/reference/variation_reference.py}): both seeds' noise from libtorch's generator, blended.
 */
class VariationNoiseTest {
    @Test
    void blendEqualsTheReference() throws Exception {
        JsonObject golden = JsonParser.parseString(Files.readString(Golden.root().resolve("variation/blend.json")))
                .getAsJsonObject();
        try (NDManager m = NDManager.newBaseManager()) {
            for (JsonElement e : golden.getAsJsonArray("cases")) {
                JsonObject c = e.getAsJsonObject();
                JsonArray dims = c.getAsJsonArray("shape");
                Shape shape = new Shape(1, dims.get(0).getAsLong(), dims.get(1).getAsLong(), dims.get(2).getAsLong());
                NDArray varied = NoiseSource.seeded(m, c.get("variation_seed").getAsLong()).next(shape);
                NDArray noise = NoiseSource.seeded(m, c.get("seed").getAsLong()).next(shape);
                float[] got = VariationNoise.blend(c.get("strength").getAsDouble(), noise, varied).toFloatArray();
                JsonArray want = c.getAsJsonArray("noise");
                assertEquals(want.size(), got.length);
                double worst = 0;
                for (int i = 0; i < got.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - want.get(i).getAsDouble()));
                }
                assertTrue(worst < 1e-5, "seed " + c.get("seed") + ", variation " + c.get("variation_seed")
                        + ", strength " + c.get("strength") + ": max difference " + worst);
            }
        }
    }

    @Test
    void strengthOneIsTheVariationSeedsNoiseAndZeroTheSeedsOwn() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 4, 8, 8);
            NDArray varied = NoiseSource.seeded(m, 7).next(shape);
            NDArray noise = NoiseSource.seeded(m, 3).next(shape);
            float[] one = VariationNoise.blend(1, noise, varied).toFloatArray();
            float[] zero = VariationNoise.blend(0, noise, varied).toFloatArray();
            float[] v = varied.toFloatArray();
            float[] n = noise.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i], one[i], 1e-6);
                assertEquals(n[i], zero[i], 1e-6);
            }
        }
    }
}
