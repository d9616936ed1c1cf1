package studio.engine.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.JsonErrors;

/**
 * A JSON object from a model's configuration (the {@code studio.config} metadata, a diffusers
 * {@code config.json}) read with checked types. Gson's own getters throw "JsonPrimitive cannot be
 * cast" or "Not a JSON Object" for a value of the wrong kind; here every read names the file and
 * key, says what was expected and what was found, and is an {@link InvalidRequestException}.
 *
 * @param source the file or metadata key, as a message starts, e.g. {@code unet/config.json}
 * @param path   the keys leading to this object, e.g. {@code unet.}, empty at the top
 */
record JsonConfig(String source, String path, JsonObject json) {

    /** Parses {@code text}, which must hold one JSON object. */
    static JsonConfig parse(String source, String text) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(text);
        } catch (JsonParseException e) { // includes nesting deeper than Gson's limit of 255
            throw new InvalidRequestException(source + " is not valid JSON: " + JsonErrors.describe(e));
        }
        if (!parsed.isJsonObject()) {
            throw new InvalidRequestException(source + " must hold a JSON object, found " + describe(parsed));
        }
        return new JsonConfig(source, "", parsed.getAsJsonObject());
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    /** A nested object, empty when absent. */
    Optional<JsonConfig> object(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonElement v = json.get(key);
        if (!v.isJsonObject()) {
            throw wrong(key, "an object", v);
        }
        return Optional.of(new JsonConfig(source, path + key + ".", v.getAsJsonObject()));
    }

    Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonElement v = json.get(key);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw wrong(key, "a string", v);
        }
        return Optional.of(v.getAsString());
    }

    /** A whole number of at least 1 (a width, a head count). */
    OptionalInt positiveInt(String key) {
        return has(key) ? OptionalInt.of(positiveInt(key, json.get(key))) : OptionalInt.empty();
    }

    /** A finite number above 0, written as a number or as a numeric string. */
    Optional<Float> positiveNumber(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonElement v = json.get(key);
        float f = Float.NaN;
        if (v.isJsonPrimitive() && (v.getAsJsonPrimitive().isNumber() || v.getAsJsonPrimitive().isString())) {
            try {
                f = Float.parseFloat(v.getAsString().strip());
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        if (!(f > 0) || Float.isInfinite(f)) {
            throw wrong(key, "a number above 0", v);
        }
        return Optional.of(f);
    }

    /** A non-empty list of whole numbers of at least 1. */
    int[] positiveInts(String key) {
        JsonElement v = json.get(key);
        if (v == null || !v.isJsonArray() || v.getAsJsonArray().isEmpty()) {
            throw wrong(key, "a list of whole numbers", v);
        }
        JsonArray array = v.getAsJsonArray();
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = positiveInt(key + "[" + i + "]", array.get(i));
        }
        return values;
    }

    JsonElement get(String key) {
        return json.get(key);
    }

    int positiveInt(String key, JsonElement v) {
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            try {
                BigDecimal d = v.getAsBigDecimal();
                if (d.signum() > 0 && d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                    return d.intValueExact();
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // reported below
            }
        }
        throw wrong(key, "a whole number of at least 1", v);
    }

    InvalidRequestException wrong(String key, String expected, JsonElement found) {
        return new InvalidRequestException(source + ": key '" + path + key + "' must be " + expected + ", found "
                + describe(found));
    }

    static String describe(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "nothing";
        }
        String kind = v.isJsonObject() ? "an object " : v.isJsonArray() ? "a list "
                : v.getAsJsonPrimitive().isString() ? "the string " : "";
        String text = v.toString();
        return kind + firstLine(text.length() > 40 ? text.substring(0, 37) + "..." : text);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
