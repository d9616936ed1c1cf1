package studio.train.dataset;

/**
 * One emoji's Unicode CLDR short name and group, the single source of the captions for every set.
 *
 * @param key             the code point key (see {@link Codepoints})
 * @param cldrName        the CLDR name as Unicode writes it, e.g. "grinning face with big eyes"
 * @param group           the CLDR group, e.g. "Smileys &amp; Emotion"
 * @param skinToneSupport whether the emoji has skin-tone variants (Fluent then ships a "-default" file)
 */
public record EmojiName(String key, String cldrName, String group, boolean skinToneSupport) {
    /** The caption-ready name: lowercase words, see {@link Captions#cleanName}. */
    public String cleanName() {
        return Captions.cleanName(cldrName);
    }
}
