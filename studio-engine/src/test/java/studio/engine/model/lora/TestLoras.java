package studio.engine.model.lora;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.DiffusionModel;
import studio.engine.nn.Precision;
import studio.engine.testing.Golden;
import studio.engine.text.PromptTokenizer;
import studio.engine.text.TokenChunk;

/** Small LoRA files for tests, written with seeded random factors, and the tiny SD1 model they patch. */
final class TestLoras {
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Random random;

    TestLoras(long seed) {
        random = new Random(seed);
    }

    TestLoras pair(String module, String downSuffix, String upSuffix, long[] down, long[] up, Float alpha) {
        tensor(module + downSuffix, down);
        tensor(module + upSuffix, up);
        if (alpha != null) {
            shapes.put(module + ".alpha", new long[0]);
            values.put(module + ".alpha", new float[] {alpha});
        }
        return this;
    }

    /** kohya: .lora_down.weight / .lora_up.weight / .alpha */
    TestLoras kohya(String module, long[] down, long[] up, Float alpha) {
        return pair(module, ".lora_down.weight", ".lora_up.weight", down, up, alpha);
    }

    TestLoras tensor(String key, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * 0.2);
        }
        shapes.put(key, shape);
        values.put(key, v);
        return this;
    }

    TestLoras set(String key, float[] v) {
        values.put(key, v);
        return this;
    }

    TestLoras meta(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    float[] values(String key) {
        return values.get(key);
    }

    Path write(Path file) {
        SafetensorsWriter w = new SafetensorsWriter().metadata(metadata);
        shapes.forEach((k, s) -> w.add(k, DType.F32, s, values.get(k)));
        try {
            w.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static DiffusionModel tinySd1(Precision precision) {
        return tiny("tiny-sd1.safetensors", precision);
    }

    static DiffusionModel tiny(String file, Precision precision) {
        PromptTokenizer none = new PromptTokenizer() {
            @Override
            public List<TokenChunk> encodeWeighted(String prompt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int contextLength() {
                return 77;
            }

            @Override
            public studio.engine.text.PromptReading read(String prompt) {
                throw new UnsupportedOperationException();
            }
        };
        return CheckpointLoader.load(Golden.blocks(file),
                CheckpointLoader.Options.defaults().withTokenizer(none).withPrecision(precision));
    }
}
