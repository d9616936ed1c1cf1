package studio.ui.settings;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ctrl+Up / Ctrl+Down in a prompt box, as AUTOMATIC1111 and ComfyUI have it: the selection, or the
 * word (or the weighted group) at the caret, gets its emphasis weight raised or lowered by a step —
 * {@code apple} becomes {@code (apple:1.1)}, {@code (apple:1.1)} becomes {@code (apple:1.2)}, and a
 * weight that returns to 1 drops its brackets. The selection stays on the text, so the keys repeat.
 * Written against the engine's parser ({@code EmphasisParser}): {@code (text:w)} weighs the text by w.
 */
public final class EmphasisEdit {
    /** A1111's default step. */
    public static final double STEP = 0.1;
    private static final Pattern WEIGHT_AFTER = Pattern.compile(":(\\d+(?:\\.\\d+)?)\\)");
    /** Characters that end a word for the caret's selection (prompt separators and the syntax's brackets). */
    private static final String DELIMITERS = " \t\n,()[]:";

    private EmphasisEdit() {
    }

    /** The prompt after the edit, and what to select in it. */
    public record Result(String text, int selectionStart, int selectionEnd) {
    }

    /**
     * @param delta {@link #STEP} (Ctrl+Up) or {@code -STEP} (Ctrl+Down)
     * @return the edit, or null when there is nothing at the caret to weigh
     */
    public static Result apply(String text, int selectionStart, int selectionEnd, double delta) {
        int s = Math.min(selectionStart, selectionEnd);
        int e = Math.max(selectionStart, selectionEnd);
        if (s == e) {
            int[] group = weightedGroupAround(text, s);
            int[] span = group != null ? group : wordAround(text, s);
            s = span[0];
            e = span[1];
        }
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (s == e) {
            return null;
        }
        Matcher weight = WEIGHT_AFTER.matcher(text).region(e, text.length());
        if (s > 0 && text.charAt(s - 1) == '(' && weight.lookingAt()) {
            double next = round(Double.parseDouble(weight.group(1)) + delta);
            String inner = text.substring(s, e);
            if (next == 1) {
                return new Result(text.substring(0, s - 1) + inner + text.substring(weight.end()), s - 1, e - 1);
            }
            return new Result(text.substring(0, e) + ":" + format(next) + ")" + text.substring(weight.end()), s, e);
        }
        double next = round(1 + delta);
        return new Result(text.substring(0, s) + "(" + text.substring(s, e) + ":" + format(next) + ")"
                + text.substring(e), s + 1, e + 1);
    }

    /** The text part of the {@code (text:w)} group the caret is in, or null. */
    private static int[] weightedGroupAround(String text, int caret) {
        int open = text.lastIndexOf('(', caret - 1);
        if (open < 0 || text.lastIndexOf(')', caret - 1) > open) {
            return null;
        }
        int colon = text.indexOf(':', open);
        if (colon < 0) {
            return null;
        }
        Matcher weight = WEIGHT_AFTER.matcher(text).region(colon, text.length());
        if (!weight.lookingAt() || caret > weight.end() || text.substring(open + 1, colon).indexOf('(') >= 0) {
            return null;
        }
        return new int[] {open + 1, colon};
    }

    private static int[] wordAround(String text, int caret) {
        int s = caret;
        while (s > 0 && DELIMITERS.indexOf(text.charAt(s - 1)) < 0) {
            s--;
        }
        int e = caret;
        while (e < text.length() && DELIMITERS.indexOf(text.charAt(e)) < 0) {
            e++;
        }
        return new int[] {s, e};
    }

    /** Weights move in hundredths and never below 0. */
    private static double round(double w) {
        return Math.max(0, Math.round(w * 100) / 100.0);
    }

    /** 1.1, 0.9, 1.25: no trailing zeros. */
    private static String format(double w) {
        String s = String.format(Locale.ROOT, "%.2f", w);
        return s.replaceFirst("0+$", "").replaceFirst("\\.$", "");
    }
}
