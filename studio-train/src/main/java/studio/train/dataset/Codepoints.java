package studio.train.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The key that joins one emoji across packages: its code points in lowercase hex joined by '-', with the
 * variation selector U+FE0F dropped ("2764" for both "2764-FE0F" and "2764"), because the packages
 * disagree on whether they spell it.
 */
final class Codepoints {
    static final int ZWJ = 0x200D;
    static final int VARIATION_SELECTOR_16 = 0xFE0F;
    static final int KEYCAP = 0x20E3;

    private Codepoints() {
    }

    /** Key of an emoji given as text, e.g. "❤️". */
    static String ofText(String emoji) {
        return join(emoji.codePoints().toArray());
    }

    /** Key of a hex sequence such as "1F468-200D-1F4BB" (any case, '-' or '_' between). */
    static String ofHex(String hex) {
        try {
            return join(Arrays.stream(hex.trim().split("[-_ ]")).mapToInt(h -> Integer.parseInt(h, 16)).toArray());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hex code point sequence: '" + hex + "'", e);
        }
    }

    /** The code points of a key. */
    static int[] parse(String key) {
        return Arrays.stream(key.split("-")).mapToInt(h -> Integer.parseInt(h, 16)).toArray();
    }

    private static String join(int[] codepoints) {
        return Arrays.stream(codepoints)
                .filter(cp -> cp != VARIATION_SELECTOR_16)
                .mapToObj(cp -> Integer.toHexString(cp).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("-"));
    }
}
