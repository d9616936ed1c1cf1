package studio.train.dataset;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import studio.engine.api.InvalidRequestException;

/**
 * CLDR names of all emoji, read from the {@code unicode-emoji-json} package (MIT; generated from
 * unicode.org's emoji-test.txt). One name table for every set keeps the captions of one emoji equal
 * across styles: emoji-datasource's own "name" field is the older Unicode character name ("SMILING FACE
 * WITH OPEN MOUTH" where CLDR says "grinning face with big eyes"), and Fluent only has file names.
 */
public final class EmojiNames {
    public static final NpmPackage PACKAGE = new NpmPackage("unicode-emoji-json", "0.9.0");
    static final String FILE = "data-by-emoji.json";

    private final Map<String, EmojiName> byKey;

    EmojiNames(Map<String, EmojiName> byKey) {
        this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
    }

    /** Reads {@code data-by-emoji.json} from the installed package folder. */
    public static EmojiNames load(Path packageDir) throws IOException {
        Path file = packageDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("emoji names: " + file + " is missing; is " + PACKAGE.spec()
                    + " installed in that folder?");
        }
        Map<String, EmojiName> names = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : root.entrySet()) {
                JsonObject o = e.getValue().getAsJsonObject();
                String key = Codepoints.ofText(e.getKey());
                names.put(key, new EmojiName(key, o.get("name").getAsString(), o.get("group").getAsString(),
                        o.has("skin_tone_support") && o.get("skin_tone_support").getAsBoolean()));
            }
        } catch (RuntimeException e) {
            throw new InvalidRequestException("emoji names: " + file + " is not in the expected format"
                    + " (an object of emoji -> {name, group, skin_tone_support}): " + e.getMessage(), e);
        }
        return new EmojiNames(names);
    }

    public Optional<EmojiName> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Collection<EmojiName> all() {
        return byKey.values();
    }

    public int size() {
        return byKey.size();
    }
}
