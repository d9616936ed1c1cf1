package studio.engine.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML5 character reference decoding with the same rules as Python's {@code html.unescape}, which
 * CLIP's tokenizer applies (twice) to every prompt. Prompts copied from web pages carry
 * {@code &amp;} and friends, and the text encoder was trained on text cleaned this way.
 */
final class HtmlUnescaper {
    // A reference: decimal, hexadecimal, or a name of up to 32 characters; ';' is optional (HTML5
    // tolerates legacy references such as "&amp" without it).
    private static final Pattern CHARACTER_REFERENCE =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

    // HTML5's replacement table for numeric references 0x80..0x9F: they are read as Windows-1252
    // bytes, except the five code points that Windows-1252 leaves undefined.
    private static final String C1_AS_WINDOWS_1252 =
            "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f"
            + "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

    private static final String ENTITY_TABLE = "html5-entities.tsv";

    private HtmlUnescaper() {
    }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = CHARACTER_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(decode(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String decode(String reference) {
        if (reference.charAt(0) == '#') {
            return decodeNumeric(reference);
        }
        Map<String, String> entities = NamedEntities.TABLE;
        String exact = entities.get(reference);
        if (exact != null) {
            return exact;
        }
        // The longest known prefix wins and the rest stays as text ("&notit;" -> "¬it;"); only the
        // legacy names without ';' can match here.
        for (int length = reference.length() - 1; length > 1; length--) {
            String prefix = entities.get(reference.substring(0, length));
            if (prefix != null) {
                return prefix + reference.substring(length);
            }
        }
        return "&" + reference;
    }

    private static String decodeNumeric(String reference) {
        boolean hex = reference.length() > 1 && (reference.charAt(1) == 'x' || reference.charAt(1) == 'X');
        String digits = reference.substring(hex ? 2 : 1);
        if (digits.endsWith(";")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        BigInteger value = new BigInteger(digits, hex ? 16 : 10);
        if (value.bitLength() > 31) {
            return "\ufffd";
        }
        int codePoint = value.intValue();
        if (codePoint == 0x00) {
            return "\ufffd";
        }
        if (codePoint == 0x0d) {
            return "\r";
        }
        if (codePoint >= 0x80 && codePoint <= 0x9f) {
            return String.valueOf(C1_AS_WINDOWS_1252.charAt(codePoint - 0x80));
        }
        if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) {
            return "\ufffd";
        }
        if (isDroppedCodePoint(codePoint)) {
            return "";
        }
        return new String(Character.toChars(codePoint));
    }

    /** Control characters and noncharacters that HTML5 parse errors turn into nothing. */
    private static boolean isDroppedCodePoint(int cp) {
        return (cp >= 0x01 && cp <= 0x08)
                || cp == 0x0b
                || (cp >= 0x0e && cp <= 0x1f)
                || cp == 0x7f
                || (cp >= 0xfdd0 && cp <= 0xfdef)
                || (cp & 0xfffe) == 0xfffe;
    }

    /** Loaded on first use: most prompts contain no '&' and never need the 2,231 names. */
    private static final class NamedEntities {
        static final Map<String, String> TABLE = load();

        private static Map<String, String> load() {
            Map<String, String> table = new HashMap<>(4096);
            try (InputStream in = HtmlUnescaper.class.getResourceAsStream(ENTITY_TABLE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + ENTITY_TABLE + " is missing from the engine jar");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    StringBuilder value = new StringBuilder(2);
                    for (String hex : line.substring(tab + 1).split(" ")) {
                        value.appendCodePoint(Integer.parseInt(hex, 16));
                    }
                    table.put(line.substring(0, tab), value.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ENTITY_TABLE, e);
            }
            return Map.copyOf(table);
        }
    }
}
