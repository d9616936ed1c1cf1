package studio.engine.fuzz;

import java.util.List;
import java.util.Random;

/** Seeded pieces the fuzz cases are built from: hostile numbers, JSON values, infotext fragments. */
final class FuzzValues {
    static final List<Long> DIMS = List.of(0L, 1L, 2L, 3L, 4L, 8L, 77L, 320L, 768L, 1280L, 49408L, 1L << 31, 1L << 33);
    static final List<String> JSON_VALUES = List.of("0", "-1", "-64", "1", "7", "8", "12", "64", "3.5", "1e400",
            "2147483648", "\"8\"", "\"eight\"", "[]", "[8]", "[8,\"x\"]", "{}", "{\"a\":1}", "null", "true", "\"v\"",
            "\"epsilon\"", "\"vvv\"", "0.18215", "-0.5", "1e-45", "\"NaN\"", "\"\"");
    static final List<String> BROKEN_JSON = List.of("", "{", "[", "null", "1", "\"x\"", "{\"unet\":", "{'a':1}",
            "[".repeat(300), "{\"unet\":" + "[".repeat(1000), "{\"unet\":{\"num_heads\":8}}}", "{\"a\":1,}");
    static final List<String> SCALES = List.of("0", "nan", "NaN", "1e39", "0.5", "-2", " 0.18 ", "x", "", "Infinity",
            "0x1p-3", "1,5");
    static final List<String> DTYPES = List.of("F16", "F32", "BF16", "I64", "U8", "BOOL", "F8_E4M3", "F4", "", " f16",
            "float16", "F16\u0000");
    static final List<String> INFOTEXT = List.of("a cat", "(dog:1.3)", "[old]", "((x))", "(y:", ")", "]", "\\(", "\\",
            "BREAK", ", ", ": ", "\n", "\r\n", "Negative prompt: ", "Steps: ", "Sampler: ", "CFG scale: ", "Seed: ",
            "Size: ", "Denoising strength: ", "Clip skip: ", "Mask blur: ", "Model: ", "Schedule type: ", "20", "-3",
            "0", "1e999", "NaN", "99999999999999999999", "7.5", "64x64", "512 x 768", "99999999999x1", "0x0", "Euler a",
            "DPM++ 2M", "Karras", "UniPC", "\"quoted, value: x\"", "\"unterminated", "\"\\\"", "\u732b", "\uD83D\uDE00",
            "(a:" + "9".repeat(400) + ")", "(".repeat(200), ")".repeat(200), "Lora hashes: \"a: 1, b: 2\"", "\u0000");

    private FuzzValues() {
    }

    static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** A random {@code studio.config}: mostly an object with the keys detection reads, sometimes broken text. */
    static String studioConfig(Random r) {
        if (r.nextInt(10) == 0) {
            return pick(r, BROKEN_JSON);
        }
        StringBuilder json = new StringBuilder("{");
        String[][] keys = {{"unet", "num_heads", "num_head_channels"}, {"text", "heads", "num_attention_heads"}};
        for (String[] group : keys) {
            if (r.nextBoolean()) {
                comma(json).append('"').append(group[0]).append("\":");
                if (r.nextInt(5) == 0) {
                    json.append(pick(r, JSON_VALUES));
                } else {
                    json.append('{');
                    boolean first = true;
                    for (int k = 1; k < group.length; k++) {
                        if (r.nextBoolean()) {
                            json.append(first ? "" : ",").append('"').append(group[k]).append("\":")
                                    .append(pick(r, JSON_VALUES));
                            first = false;
                        }
                    }
                    json.append('}');
                }
            }
        }
        for (String key : new String[] {"latent_scale", "scale_factor", "prediction"}) {
            if (r.nextInt(3) == 0) {
                comma(json).append('"').append(key).append("\":").append(pick(r, JSON_VALUES));
            }
        }
        return json.append('}').toString();
    }

    /** A random infotext: fragments of A1111's syntax and hostile values, sometimes very long. */
    static String infotext(Random r) {
        StringBuilder text = new StringBuilder();
        int pieces = r.nextInt(10) == 0 ? 2000 : 1 + r.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            text.append(pick(r, INFOTEXT));
        }
        if (r.nextInt(20) == 0) {
            text.append("x".repeat(200_000));
        }
        return text.toString();
    }

    private static StringBuilder comma(StringBuilder json) {
        return json.length() > 1 ? json.append(',') : json;
    }
}
