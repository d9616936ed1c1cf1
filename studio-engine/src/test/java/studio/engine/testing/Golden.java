package studio.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the golden fixtures written by {@code tools/reference/sd_reference.py}. Deliberately
 * independent of the engine's own safetensors reader, so a bug there cannot hide in both the
 * code under test and its oracle. Test scope only.
 */
public final class Golden {

    /** Root of the fixtures: {@code src/test/resources/golden} on the test classpath. */
    public static Path root() {
        URL url = Golden.class.getResource("/golden/sd15_keys.json");
        if (url == null) {
            throw new IllegalStateException("golden fixtures missing from the test classpath; "
                    + "regenerate with tools/reference/sd_reference.py");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file under {@code golden/blocks}. */
    public static Path blocks(String name) {
        return root().resolve("blocks").resolve(name);
    }

    /** One stored tensor, widened: floating types to float, integer types to long. */
    public record Tensor(String dtype, long[] shape, float[] floats, long[] longs) {
        public int size() {
            return floats != null ? floats.length : longs.length;
        }

        public int[] intShape() {
            return Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
        }
    }

    /** A parsed safetensors file: tensors in header order and the string metadata. */
    public record File(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Tensor get(String name) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor '" + name + "'; present: " + tensors.keySet());
            }
            return t;
        }

        public float[] floats(String name) {
            return get(name).floats();
        }

        public String meta(String key) {
            String v = metadata.get(key);
            if (v == null) {
                throw new IllegalArgumentException("no metadata '" + key + "'; present: " + metadata.keySet());
            }
            return v;
        }

        /** {@code studio.params} as JSON (empty object when absent). */
        public JsonObject params() {
            String p = metadata.get("studio.params");
            return p == null ? new JsonObject() : JsonParser.parseString(p).getAsJsonObject();
        }
    }

    public static File read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = Math.toIntExact(buf.getLong(0));
        JsonObject header = JsonParser.parseString(
                new String(bytes, 8, headerLen, StandardCharsets.UTF_8)).getAsJsonObject();
        int dataStart = 8 + headerLen;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            JsonObject info = e.getValue().getAsJsonObject();
            if (e.getKey().equals("__metadata__")) {
                info.entrySet().forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                continue;
            }
            String dtype = info.get("dtype").getAsString();
            long[] shape = new long[info.getAsJsonArray("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = info.getAsJsonArray("shape").get(i).getAsLong();
            }
            int begin = dataStart + info.getAsJsonArray("data_offsets").get(0).getAsInt();
            int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
            tensors.put(e.getKey(), decode(buf, begin, n, dtype, shape, e.getKey()));
        }
        return new File(tensors, metadata);
    }

    private static Tensor decode(ByteBuffer buf, int at, int n, String dtype, long[] shape, String name) {
        switch (dtype) {
            case "F32": {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = buf.getFloat(at + 4 * i);
                }
                return new Tensor(dtype, shape, f, null);
            }
            case "F16": {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = halfToFloat(buf.getShort(at + 2 * i));
                }
                return new Tensor(dtype, shape, f, null);
            }
            case "I64": {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = buf.getLong(at + 8 * i);
                }
                return new Tensor(dtype, shape, null, l);
            }
            case "I32": {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = buf.getInt(at + 4 * i);
                }
                return new Tensor(dtype, shape, null, l);
            }
            default:
                throw new IllegalArgumentException(name + ": fixture dtype " + dtype + " not supported here");
        }
    }

    /** IEEE 754 binary16 -> float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24, exact in float
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * The one closeness check of the reference tests, in JUnit's argument order: the largest
     * |actual − expected| over max(1, max |expected|) is below {@code tolerance}.
     */
    public static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double err = relativeError(actual, expected);
        if (!(err < tolerance)) {
            throw new AssertionError(what + ": relative error " + err + " over " + tolerance);
        }
    }

    public static double relativeError(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("length " + actual.length + " != expected " + expected.length);
        }
        double maxDiff = 0;
        double scale = 1;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return maxDiff / scale;
    }

    private Golden() {
    }

    /** 10·log10(range² / MSE) with the reference's value range as the peak (infinite when equal). */
    public static double psnr(float[] actual, float[] expected) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double se = 0;
        for (int i = 0; i < expected.length; i++) {
            min = Math.min(min, expected[i]);
            max = Math.max(max, expected[i]);
            double d = actual[i] - expected[i];
            se += d * d;
        }
        double mse = se / expected.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10((max - min) * (max - min) / mse);
    }

    /** A JSON fixture of tools/reference/samplers_reference.py, under {@code golden/sampling}. */
    public static JsonObject sampling(String name) {
        String path = "/golden/sampling/" + name;
        try (java.io.InputStream in = Golden.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing; run tools/reference/samplers_reference.py");
            }
            return JsonParser.parseReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(JsonArray array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsFloat();
        }
        return out;
    }

    public static int[] ints(JsonArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }

    /** Elementwise |actual − expected| ≤ rel · max(|expected_i|, mean |expected|); returns the worst ratio. */
    public static double assertElementwiseClose(float[] expected, float[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double meanAbs = 0;
        for (float e : expected) {
            meanAbs += Math.abs(e);
        }
        meanAbs /= Math.max(1, expected.length);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), meanAbs);
            double ratio = scale == 0 ? Math.abs(actual[i]) : Math.abs(actual[i] - expected[i]) / scale;
            if (!(ratio <= worst)) {
                worst = ratio;
                worstAt = i;
            }
        }
        final int at = worstAt;
        final double w = worst;
        assertTrue(w <= rel, () -> what + ": element " + at + " is " + actual[at] + ", reference "
                + expected[at] + " (relative error " + w + " > " + rel + ")");
        return worst;
    }
}
