package studio.engine.train.dataset;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns CLDR names into captions of plain lowercase words, the only thing the default model's word
 * tokenizer sees: "one o’clock" becomes "one oclock", "piñata" "pinata", "A button (blood type)"
 * "a button blood type". The same normalisation serves prompts at inference ({@link WordVocabulary}).
 */
public final class Captions {
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`]");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");

    private Captions() {
    }

    /** Lowercase ASCII words separated by single spaces; apostrophes join ("o’clock" -> "oclock"). */
    public static String cleanName(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = COMBINING_MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = APOSTROPHES.matcher(s).replaceAll("");
        return NOT_WORD.matcher(s).replaceAll(" ").trim();
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
