package studio.train.dataset;

import studio.engine.text.WordVocabulary;

/**
 * Turns CLDR names into captions of plain lowercase words, the only thing the default model's word
 * tokenizer sees: "one o’clock" becomes "one oclock", "piñata" "pinata", "A button (blood type)"
 * "a button blood type". The same normalisation serves prompts at inference ({@link WordVocabulary}).
 */
public final class Captions {
    private Captions() {
    }

    /** Lowercase ASCII words separated by single spaces; the prompt normalisation of {@link WordVocabulary#normalise}. */
    public static String cleanName(String text) {
        return WordVocabulary.normalise(text);
    }

    /** "red apple" + "noto" -> "red apple, noto style". */
    public static String caption(String cleanName, String style) {
        return cleanName + ", " + style + " style";
    }

    /** A file name stem for the clean name: "red apple" -> "red_apple". */
    public static String fileStem(String cleanName) {
        return cleanName.replace(' ', '_');
    }
}
