package studio.engine.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text clean-up CLIP's tokenizer runs before splitting a prompt into words: HTML entities
 * decoded twice, whitespace runs collapsed to one space, ends trimmed, lower case.
 *
 * <p>The reference also runs {@code ftfy.fix_text}. Of ftfy's fixes only its final NFC
 * normalisation is reproduced here (so "e" + combining acute and "é" give the same tokens); mojibake
 * repair, quote uncurling and width folding are not.
 */
final class ClipTextCleaner {
    // Python's regex "\s" (Unicode White_Space), which is what UNICODE_CHARACTER_CLASS gives Java.
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    // Python's str.strip() also removes the separators U+001C..U+001F, which are not White_Space.
    private static final Pattern PYTHON_STRIP =
            Pattern.compile("^[\\s\\x1c-\\x1f]+|[\\s\\x1c-\\x1f]+$", Pattern.UNICODE_CHARACTER_CLASS);

    private ClipTextCleaner() {
    }

    static String clean(String text) {
        String cleaned = Normalizer.normalize(text, Normalizer.Form.NFC);
        cleaned = HtmlUnescaper.unescape(HtmlUnescaper.unescape(cleaned));
        cleaned = strip(cleaned);
        cleaned = WHITESPACE_RUN.matcher(cleaned).replaceAll(" ");
        return strip(cleaned).toLowerCase(Locale.ROOT);
    }

    private static String strip(String text) {
        return PYTHON_STRIP.matcher(text).replaceAll("");
    }
}
