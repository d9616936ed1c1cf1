package studio.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Fixtures written by tools/reference/samplers_reference.py, and the comparisons the tests share. */
final class Golden {

    private Golden() {
    }

    static JsonObject load(String name) {
        String path = "/golden/sampling/" + name;
        try (InputStream in = Golden.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing; run tools/reference/samplers_reference.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] floats(JsonArray array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsFloat();
        }
        return out;
    }

    static int[] ints(JsonArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }

    /** Elementwise |actual − expected| ≤ rel · max(|expected_i|, mean |expected|); returns the worst ratio. */
    static double assertElementwiseClose(float[] expected, float[] actual, double rel, String what) {
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
