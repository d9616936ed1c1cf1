package studio.train.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import studio.engine.api.InvalidRequestException;

/**
 * Lists the flat-style SVGs of the {@code fluentui-emoji} npm package (a repackaging of
 * microsoft/fluentui-emoji that ships only {@code icons/{flat,modern,high-contrast}/<name>.svg}: no
 * metadata.json and no code points). The file name is the CLDR name in kebab case ("red-apple.svg",
 * "one-oclock.svg"); emoji with skin tones come as "-default" (yellow) plus five tone files, and about
 * thirty files use an older or Fluent-specific name, mapped by {@link #ALIASES}.
 */
final class FluentCatalog {
    static final String STYLE_FOLDER = "flat";

    private static final List<String> TONES = List.of("-default", "-light", "-medium-light", "-medium",
            "-medium-dark", "-dark");

    /** Fluent file stem (tone suffix removed) -> CLDR name, where kebab-casing the CLDR name misses. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("blackbird", "black bird"),
            Map.entry("hugging-face", "smiling face with open hands"),
            Map.entry("knocked-out-face", "face with crossed-out eyes"),
            Map.entry("pouting-face", "enraged face"),
            Map.entry("red-triangle", "red triangle pointed up"),
            Map.entry("phoenix-bird", "phoenix"),
            Map.entry("stuffedbread-flat", "stuffed flatbread"),
            Map.entry("keycap-asterisk", "keycap *"),
            Map.entry("keycap-hashtag", "keycap #"),
            Map.entry("person-blonde-hair", "person blond hair"),
            Map.entry("man-blonde-hair", "man blond hair"),
            Map.entry("woman-blonde-hair", "woman blond hair"),
            Map.entry("person-deaf", "deaf person"),
            Map.entry("man-deaf", "deaf man"),
            Map.entry("woman-deaf", "deaf woman"),
            Map.entry("person-merpeople", "merperson"),
            Map.entry("man-merpeople", "merman"),
            Map.entry("woman-merpeople", "mermaid"),
            Map.entry("person-elf", "elf"),
            Map.entry("person-fairy", "fairy"),
            Map.entry("person-genie", "genie"),
            Map.entry("person-mage", "mage"),
            Map.entry("person-superhero", "superhero"),
            Map.entry("person-supervillain", "supervillain"),
            Map.entry("person-vampire", "vampire"),
            Map.entry("person-zombie", "zombie"),
            Map.entry("person-with-bunny-ears", "people with bunny ears"),
            Map.entry("man-with-bunny-ears", "men with bunny ears"),
            Map.entry("woman-with-bunny-ears", "women with bunny ears"),
            Map.entry("person-wrestling", "people wrestling"),
            Map.entry("man-wrestling", "men wrestling"),
            Map.entry("woman-wrestling", "women wrestling"));

    private FluentCatalog() {
    }

    static SetListing list(EmojiSet set, Path packageDir, EmojiNames names) throws IOException {
        Path svgDir = packageDir.resolve("icons").resolve(STYLE_FOLDER);
        if (!Files.isDirectory(svgDir)) {
            throw new InvalidRequestException(set.id() + ": " + svgDir + " is missing; is "
                    + set.npmPackage().spec() + " installed there?");
        }
        Set<String> stems;
        try (Stream<Path> files = Files.list(svgDir)) {
            stems = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".svg"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .collect(Collectors.toCollection(java.util.TreeSet::new)); // sorted: a stable order
        }
        Map<String, EmojiName> bySlug = new HashMap<>();
        for (EmojiName name : names.all()) {
            bySlug.putIfAbsent(slug(name.cldrName()), name);
        }
        SetListing listing = new SetListing(set);
        for (String stem : stems) {
            String base = toneBase(stem, stems);
            if (base != null && !stem.endsWith("-default")) {
                listing.skip(SkipReason.SKIN_TONE);
                continue;
            }
            String nameStem = base != null ? base : stem;
            String alias = ALIASES.get(nameStem);
            EmojiName name = bySlug.get(alias != null ? slug(alias) : nameStem);
            if (name == null) {
                listing.unnamed(stem + ".svg");
                continue;
            }
            listing.add(new SourceImage(set, name, svgDir.resolve(stem + ".svg")));
        }
        return listing;
    }

    /** "red apple" -> "red-apple", "one o’clock" -> "one-oclock": Fluent's file naming. */
    static String slug(String cldrName) {
        return Captions.cleanName(cldrName).replace(' ', '-');
    }

    /**
     * The stem without its tone suffix when the file is one of a tone family (a "-default" sibling
     * exists), else null: "horizontal-traffic-light" ends in "-light" but is no tone variant.
     */
    private static String toneBase(String stem, Set<String> stems) {
        for (String tone : TONES) {
            if (stem.endsWith(tone)) {
                String base = stem.substring(0, stem.length() - tone.length());
                if (stems.contains(base + "-default")) {
                    return base;
                }
            }
        }
        return null;
    }
}
