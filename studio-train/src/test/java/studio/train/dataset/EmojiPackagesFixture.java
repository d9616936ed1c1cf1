package studio.train.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A tiny npm cache written by the tests, in the real packages' layouts: unicode-emoji-json's
 * data-by-emoji.json, emoji-datasource-{google,twitter}'s emoji.json with img/<vendor>/64/*.png, and
 * fluentui-emoji's icons/flat/*.svg. Each case below exists to exercise one rule of the builder.
 */
final class EmojiPackagesFixture {
    /** Colour of the shapes drawn into the fixture pictures. */
    static final int NOTO_RGB = 0xDD2222;
    static final int TWEMOJI_RGB = 0x2244DD;
    static final int FLUENT_RGB = 0x22AA44;

    final Path cache;

    private EmojiPackagesFixture(Path cache) {
        this.cache = cache;
    }

    Path nodeModules() {
        return cache.resolve("node_modules");
    }

    Path namesDir() {
        return nodeModules().resolve(EmojiNames.PACKAGE.name());
    }

    Map<EmojiSet, Path> packageDirs() {
        Map<EmojiSet, Path> dirs = new EnumMap<>(EmojiSet.class);
        for (EmojiSet set : EmojiSet.values()) {
            dirs.put(set, nodeModules().resolve(set.npmPackage().name()));
        }
        return dirs;
    }

    static EmojiPackagesFixture write(Path cache) throws IOException {
        EmojiPackagesFixture f = new EmojiPackagesFixture(cache);
        f.writeNames();
        f.writeDatasource(EmojiSet.NOTO, "google", NOTO_RGB);
        f.writeDatasource(EmojiSet.TWEMOJI, "twitter", TWEMOJI_RGB);
        f.writeFluent();
        return f;
    }

    private void writeNames() throws IOException {
        Path dir = Files.createDirectories(namesDir());
        packageJson(dir, EmojiNames.PACKAGE);
        Files.writeString(dir.resolve(EmojiNames.FILE), """
                {
                  "😃": {"name": "grinning face with big eyes", "slug": "grinning_face_with_big_eyes", "group": "Smileys & Emotion", "emoji_version": "0.6", "unicode_version": "0.6", "skin_tone_support": false},
                  "🤗": {"name": "smiling face with open hands", "slug": "smiling_face_with_open_hands", "group": "Smileys & Emotion", "emoji_version": "1.0", "unicode_version": "8.0", "skin_tone_support": false},
                  "🍎": {"name": "red apple", "slug": "red_apple", "group": "Food & Drink", "emoji_version": "0.6", "unicode_version": "0.6", "skin_tone_support": false},
                  "🕐": {"name": "one o’clock", "slug": "one_oclock", "group": "Travel & Places", "emoji_version": "0.6", "unicode_version": "0.6", "skin_tone_support": false},
                  "🚥": {"name": "horizontal traffic light", "slug": "horizontal_traffic_light", "group": "Travel & Places", "emoji_version": "0.6", "unicode_version": "0.6", "skin_tone_support": false},
                  "🪅": {"name": "piñata", "slug": "pinata", "group": "Activities", "emoji_version": "13.0", "unicode_version": "13.0", "skin_tone_support": false},
                  "🧑‍💻": {"name": "technologist", "slug": "technologist", "group": "People & Body", "emoji_version": "12.1", "unicode_version": "12.1", "skin_tone_support": true},
                  "❤️": {"name": "red heart", "slug": "red_heart", "group": "Smileys & Emotion", "emoji_version": "0.6", "unicode_version": "0.6", "skin_tone_support": false},
                  "🏳️‍🌈": {"name": "rainbow flag", "slug": "rainbow_flag", "group": "Flags", "emoji_version": "4.0", "unicode_version": "6.0", "skin_tone_support": false},
                  "🇪🇬": {"name": "flag Egypt", "slug": "flag_egypt", "group": "Flags", "emoji_version": "2.0", "unicode_version": "6.0", "skin_tone_support": false},
                  "1️⃣": {"name": "keycap 1", "slug": "keycap_1", "group": "Symbols", "emoji_version": "0.6", "unicode_version": "0.6", "skin_tone_support": false},
                  "👨‍👩‍👧": {"name": "family man, woman, girl", "slug": "family_man_woman_girl", "group": "People & Body", "emoji_version": "2.0", "unicode_version": "6.0", "skin_tone_support": false}
                }
                """);
    }

    /** emoji.json uses Unicode character names on purpose: the captions must come from the CLDR table instead. */
    private void writeDatasource(EmojiSet set, String vendor, int rgb) throws IOException {
        Path dir = Files.createDirectories(nodeModules().resolve(set.npmPackage().name()));
        packageJson(dir, set.npmPackage());
        Path img = Files.createDirectories(dir.resolve("img").resolve(vendor).resolve("64"));
        String has = "has_img_" + vendor;
        StringBuilder json = new StringBuilder("[\n");
        String[][] entries = {
                // unified, image, Unicode name, has image file
                {"1F603", "1f603.png", "SMILING FACE WITH OPEN MOUTH", "yes"},
                {"1F34E", "1f34e.png", "RED APPLE", "yes"},
                {"1F550", "1f550.png", "CLOCK FACE ONE OCLOCK", "yes"},
                {"1FA85", "1fa85.png", "PINATA", "yes"},
                {"1F9D1-200D-1F4BB", "1f9d1-200d-1f4bb.png", "TECHNOLOGIST", "yes"},
                {"2764-FE0F", "2764-fe0f.png", "HEAVY BLACK HEART", "no"},
                {"1F3F3-FE0F-200D-1F308", "1f3f3-fe0f-200d-1f308.png", "RAINBOW FLAG", "yes"},
                {"1F1EA-1F1EC", "1f1ea-1f1ec.png", "Egypt Flag", "yes"},
                {"0031-FE0F-20E3", "0031-fe0f-20e3.png", "KEYCAP 1", "yes"},
                {"1F468-200D-1F469-200D-1F467", "1f468-200d-1f469-200d-1f467.png", "FAMILY: MAN, WOMAN, GIRL", "yes"},
                {"1F3FB", "1f3fb.png", "EMOJI MODIFIER FITZPATRICK TYPE-1-2", "yes"},
        };
        for (int i = 0; i < entries.length; i++) {
            String[] e = entries[i];
            json.append("  {\"name\": \"").append(e[2]).append("\", \"unified\": \"").append(e[0])
                    .append("\", \"image\": \"").append(e[1]).append("\", \"short_name\": \"x").append(i)
                    .append("\", \"category\": \"Whatever\", \"").append(has).append("\": true");
            if (e[0].equals("1F9D1-200D-1F4BB")) {
                // Two tone variations, as emoji-datasource nests them: counted, never listed.
                json.append(", \"skin_variations\": {\"1F3FB\": {\"unified\": \"1F9D1-1F3FB-200D-1F4BB\"},"
                        + " \"1F3FF\": {\"unified\": \"1F9D1-1F3FF-200D-1F4BB\"}}");
            }
            json.append("}").append(i + 1 < entries.length ? ",\n" : "\n");
            if (e[3].equals("yes")) {
                ImageIO.write(discOnTransparent(64, rgb), "png", img.resolve(e[1]).toFile());
            }
        }
        // The vendor did not draw this one: has_img false means "not ours to count".
        json.insert(json.length() - 1, ",\n  {\"name\": \"NOT DRAWN\", \"unified\": \"1F600\", \"image\": \"1f600.png\", \""
                + has + "\": false}");
        json.append("]\n");
        Files.writeString(dir.resolve("emoji.json"), json.toString());
    }

    private void writeFluent() throws IOException {
        Path dir = Files.createDirectories(nodeModules().resolve(EmojiSet.FLUENT.npmPackage().name()));
        packageJson(dir, EmojiSet.FLUENT.npmPackage());
        Path flat = Files.createDirectories(dir.resolve("icons").resolve("flat"));
        String disc = svgDisc(FLUENT_RGB);
        for (String stem : new String[] {"red-apple", "grinning-face-with-big-eyes", "one-oclock", "pinata",
                "hugging-face", "technologist-default", "technologist-dark", "technologist-medium-light",
                "horizontal-traffic-light", "rainbow-flag", "keycap-1", "not-an-emoji-name"}) {
            Files.writeString(flat.resolve(stem + ".svg"), disc);
        }
        Files.writeString(flat.resolve("red-heart.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><path d=");
        Files.writeString(flat.resolve("README.txt"), "not an svg");
    }

    /** A disc of the colour filling the middle of a transparent square, with an anti-aliased edge. */
    static BufferedImage discOnTransparent(int size, int rgb) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(rgb));
        g.fillOval(size / 4, size / 4, size / 2, size / 2);
        g.dispose();
        return image;
    }

    static String svgDisc(int rgb) {
        return String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" fill=\"none\" viewBox=\"0 0 32 32\">"
                + "<circle cx=\"16\" cy=\"16\" r=\"8\" fill=\"#%06x\"/></svg>", rgb);
    }

    private static void packageJson(Path dir, NpmPackage pkg) throws IOException {
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"" + pkg.name() + "\", \"version\": \""
                + pkg.version() + "\"}\n", StandardCharsets.UTF_8);
    }
}
