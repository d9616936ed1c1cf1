package studio.engine.api;

/** Where inpainting works: on the whole picture, or on a padded crop around the mask at full model size. */
public enum InpaintArea {
    WHOLE,
    MASKED;

    /** Parses {@code whole} or {@code masked} (case-insensitive). */
    public static InpaintArea parse(String text) {
        for (InpaintArea a : values()) {
            if (a.name().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new InvalidRequestException("inpaint area must be 'whole' or 'masked', got '" + text + "'");
    }
}
