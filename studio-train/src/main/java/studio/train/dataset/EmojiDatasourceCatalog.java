package studio.train.dataset;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import studio.engine.api.InvalidRequestException;

/**
 * Lists the 64 px PNGs of an {@code emoji-datasource-<vendor>} package (iamcal/emoji-data):
 * {@code emoji.json} is an array of entries with {@code unified} ("1F34E"), {@code image}
 * ("1f34e.png"), {@code has_img_<vendor>} and {@code skin_variations}; the files are in
 * {@code img/<vendor>/64/}. Skin variations are not listed as entries, only counted.
 */
final class EmojiDatasourceCatalog {
    private static final EmojiFilter FILTER = new EmojiFilter();

    private EmojiDatasourceCatalog() {
    }

    /**
     * @param vendor the image folder and flag suffix: "google" for Noto, "twitter" for Twemoji
     */
    static SetListing list(EmojiSet set, String vendor, Path packageDir, EmojiNames names) throws IOException {
        Path metadata = packageDir.resolve("emoji.json");
        Path imageDir = packageDir.resolve("img").resolve(vendor).resolve("64");
        if (!Files.isRegularFile(metadata)) {
            throw new InvalidRequestException(set.id() + ": " + metadata + " is missing; is "
                    + set.npmPackage().spec() + " installed there?");
        }
        JsonArray entries;
        try (Reader reader = Files.newBufferedReader(metadata, StandardCharsets.UTF_8)) {
            entries = JsonParser.parseReader(reader).getAsJsonArray();
        } catch (RuntimeException e) {
            throw new InvalidRequestException(set.id() + ": " + metadata + " is not a JSON array of emoji: "
                    + e.getMessage(), e);
        }
        String hasImage = "has_img_" + vendor;
        SetListing listing = new SetListing(set);
        for (JsonElement element : entries) {
            JsonObject entry = element.getAsJsonObject();
            if (entry.has("skin_variations")) {
                listing.skip(SkipReason.SKIN_TONE, entry.getAsJsonObject("skin_variations").size());
            }
            if (!entry.has(hasImage) || !entry.get(hasImage).getAsBoolean()) {
                continue; // the vendor never drew it: not a skip of ours
            }
            String unified = entry.get("unified").getAsString();
            String key = Codepoints.ofHex(unified);
            Optional<EmojiName> name = names.byKey(key);
            if (name.isEmpty()) {
                // The bare skin-tone swatches have no CLDR emoji name; count them as what they are.
                Optional<SkipReason> filtered = FILTER.reasonToSkip(key, "");
                if (filtered.isPresent()) {
                    listing.skip(filtered.get());
                } else {
                    listing.unnamed(unified + " " + text(entry, "name"));
                }
                continue;
            }
            Path file = imageDir.resolve(entry.get("image").getAsString());
            if (!Files.isRegularFile(file)) {
                listing.skip(SkipReason.NO_IMAGE);
                continue;
            }
            listing.add(new SourceImage(set, name.get(), file));
        }
        return listing;
    }

    private static String text(JsonObject o, String field) {
        return o.has(field) && !o.get(field).isJsonNull() ? o.get(field).getAsString() : "";
    }
}
