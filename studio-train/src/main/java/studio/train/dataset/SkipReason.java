package studio.train.dataset;

/** Why an emoji of a set is not in the dataset; the build report counts each. */
public enum SkipReason {
    /** Country and region flags: 270 near-identical striped rectangles named after places. */
    COUNTRY_FLAG("country or region flag"),
    /** Keycaps: a digit or sign in a grey box, a text-rendering task rather than a picture. */
    KEYCAP("keycap"),
    /** Families, couples, kisses, holding hands: 2+ people joined by ZWJ, many near-duplicates. */
    MULTI_PERSON("several people joined by ZWJ"),
    /** Skin-tone modifiers and sequences: the default yellow version of each emoji is kept instead. */
    SKIN_TONE("skin-tone variant"),
    /** The set has the image but the CLDR name table does not know the code points (e.g. bare modifiers). */
    NO_NAME("no CLDR name"),
    /** The metadata lists the emoji but the package has no image file for it. */
    NO_IMAGE("image file missing"),
    /** A second picture in one set mapped to a name the set already has; the first (sorted) is kept. */
    DUPLICATE_NAME("same name as another picture of the set"),
    /** The image exists but could not be read or rendered. */
    RENDER_FAILED("could not be rendered");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
