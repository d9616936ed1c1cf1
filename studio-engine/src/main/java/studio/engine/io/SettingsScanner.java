package studio.engine.io;

import java.util.function.BiConsumer;

/**
 * Splits A1111's settings line into "Key: value" pairs in one pass. It finds the same pairs as
 * A1111's regex {@code \s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)}, but a regex engine
 * recurses once per character of a quoted value (a 10,000-character value overflowed the stack)
 * and retries from every position of a long key-like run (a 200 KB line took minutes). Here each
 * character is looked at a bounded number of times, without recursion.
 */
final class SettingsScanner {
    private SettingsScanner() {
    }

    /** Calls {@code pair} with each key and value, both stripped, the value still quoted as written. */
    static void scan(String line, BiConsumer<String, String> pair) {
        int n = line.length();
        int at = 0;
        while (at < n) {
            int keyStart = skipSpace(line, at);
            if (keyStart >= n || !isWord(line.charAt(keyStart))) {
                at = keyStart + 1;
                continue;
            }
            int keyEnd = keyStart + 1;
            while (keyEnd < n && isKeyChar(line.charAt(keyEnd))) {
                keyEnd++;
            }
            if (keyEnd == keyStart + 1 || keyEnd >= n || line.charAt(keyEnd) != ':') {
                // Every later start inside this run stops at the same place and fails the same way.
                at = keyEnd == keyStart + 1 ? keyStart + 1 : keyEnd;
                continue;
            }
            int valueStart = skipSpace(line, keyEnd + 1);
            int valueEnd = quotedEnd(line, valueStart);
            if (valueEnd < 0) {
                valueEnd = line.indexOf(',', valueStart);
                valueEnd = valueEnd < 0 ? n : valueEnd;
            }
            pair.accept(line.substring(keyStart, keyEnd).strip(), line.substring(valueStart, valueEnd).strip());
            at = valueEnd + 1; // past the comma (or the end)
        }
    }

    /**
     * The end of a JSON-quoted value starting at {@code from} when it is followed by a comma or the
     * end of the line, else -1 (the regex then falls back to "anything up to the next comma").
     */
    private static int quotedEnd(String line, int from) {
        int n = line.length();
        if (from >= n || line.charAt(from) != '"') {
            return -1;
        }
        int i = from + 1;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                break;
            } else {
                i++;
            }
        }
        if (i >= n || i == from + 1) {
            return -1; // unterminated, or "" (the regex needs at least one character inside)
        }
        int end = i + 1;
        return end == n || line.charAt(end) == ',' ? end : -1;
    }

    private static int skipSpace(String line, int at) {
        while (at < line.length() && isSpace(line.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Java's {@code \s}: space, tab, line breaks, vertical tab, form feed. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Java's {@code \w} (ASCII letters, digits, underscore), as the regex this replaces used. */
    private static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isKeyChar(char c) {
        return isWord(c) || c == ' ' || c == '-' || c == '/';
    }
}
