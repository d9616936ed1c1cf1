package studio.engine.io;

import java.util.Locale;

/**
 * Gson's parse errors in words for a user: its messages carry the exception class of the cause,
 * a JSON path that can run to hundreds of characters, and advice to change the parser's settings.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** E.g. "unterminated object at line 21 column 6", from any exception Gson throws while parsing. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        message = message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
        int path = message.indexOf(" path $");
        if (path >= 0) {
            message = message.substring(0, path);
        }
        int advice = message.indexOf("\nSee ");
        if (advice >= 0) {
            message = message.substring(0, advice);
        }
        message = message.replaceAll("\\s+", " ").strip();
        if (message.isEmpty()) {
            return "it cannot be parsed";
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
