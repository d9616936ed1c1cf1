package studio.train.dataset;

/**
 * One line of {@code manifest.jsonl}: a training picture and everything needed to caption, split and
 * credit it. Written with snake_case keys ({@code source_version}).
 *
 * @param file          path of the PNG relative to the dataset folder, '/'-separated
 * @param caption       "red apple, noto style"
 * @param style         the set id, also the style word of the caption
 * @param name          the clean CLDR name, "red apple"; the unit of the split
 * @param category      the CLDR group, "Food &amp; Drink"
 * @param codepoints    the code point key, "1f34e"
 * @param split         "train" or "heldout"
 * @param source        the npm package the artwork came from
 * @param sourceVersion its version
 * @param licence       SPDX id of the artwork's licence
 */
public record ManifestEntry(String file, String caption, String style, String name, String category,
                            String codepoints, String split, String source, String sourceVersion,
                            String licence) {
    public Split splitValue() {
        return Split.byId(split);
    }
}
