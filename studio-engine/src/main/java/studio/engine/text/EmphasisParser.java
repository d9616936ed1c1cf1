package studio.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.engine.api.InvalidRequestException;

/**
 * AUTOMATIC1111's prompt emphasis syntax, so prompts written for it weigh the same here.
 * <ul>
 *   <li>{@code (text)} multiplies by 1.1, {@code [text]} divides by 1.1, {@code (text:1.3)} multiplies
 *       by 1.3; nesting multiplies.</li>
 *   <li>{@code \( \) \[ \] \\} are literal characters; a backslash before anything else vanishes.</li>
 *   <li>A closer without an opener is text; an opener never closed applies its multiplier to the
 *       rest of the prompt.</li>
 *   <li>{@code BREAK} as a whole word starts a new chunk.</li>
 *   <li>Neighbouring pieces with exactly equal weights merge.</li>
 * </ul>
 * One deliberate difference: A1111 multiplies its internal BREAK marker along with the text inside
 * brackets, so a BREAK written inside brackets turns into the word "break" with a negative weight;
 * here a BREAK breaks the chunk wherever it is written.
 */
public final class EmphasisParser {
    public static final double ROUND_BRACKET_MULTIPLIER = 1.1;
    public static final double SQUARE_BRACKET_MULTIPLIER = 1 / 1.1;
    /**
     * Largest weight, written or compounded by nesting, in either sign. Prompts use 0 to 2; at 100 one
     * word already drowns the rest, and a few more digits overflow the text encoder's single precision
     * into NaN, which would give a black image instead of an error.
     */
    public static final double MAX_WEIGHT = 100;

    // Python's \s in a str pattern also matches U+001C..U+001F; \d is any Unicode decimal digit.
    private static final String SPACE = "[\\s\\x1c-\\x1f]";

    /** The syntax, one alternative per kind of token; order matters (escapes before lone '\'). */
    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "\\\\[()\\[\\]\\\\]",                                  // escaped bracket or backslash
            "\\\\",                                                 // lone backslash, dropped
            "\\(", "\\[",                                           // openers
            ":" + SPACE + "*([+-]?[.\\d]+)" + SPACE + "*\\)",      // ':1.3)' closes with a weight
            "\\)", "]",                                             // closers
            "[^\\\\()\\[\\]:]+",                                    // plain text
            ":"), Pattern.UNICODE_CHARACTER_CLASS);

    // A word character for Python's \b: letters, numbers, underscore (combining marks are not).
    private static final Pattern BREAK_KEYWORD = Pattern.compile(
            SPACE + "*(?<![\\p{L}\\p{N}_])BREAK(?![\\p{L}\\p{N}_])" + SPACE + "*");

    private EmphasisParser() {
    }

    /** Parses a prompt into weighted text and breaks; an empty prompt gives one empty part of weight 1. */
    public static List<PromptPart> parse(String prompt) {
        Objects.requireNonNull(prompt, "prompt");
        List<Piece> pieces = new ArrayList<>();
        List<Integer> openRound = new ArrayList<>();
        List<Integer> openSquare = new ArrayList<>();

        Matcher matcher = TOKEN.matcher(prompt);
        while (matcher.find()) {
            String token = matcher.group();
            String weight = matcher.group(1);
            if (token.startsWith("\\")) {
                pieces.add(new Piece(token.substring(1)));
            } else if (token.equals("(")) {
                openRound.add(pieces.size());
            } else if (token.equals("[")) {
                openSquare.add(pieces.size());
            } else if (weight != null && !openRound.isEmpty()) {
                multiplyFrom(pieces, pop(openRound), parseWeight(prompt, matcher.start(1), weight));
            } else if (token.equals(")") && !openRound.isEmpty()) {
                multiplyFrom(pieces, pop(openRound), ROUND_BRACKET_MULTIPLIER);
            } else if (token.equals("]") && !openSquare.isEmpty()) {
                multiplyFrom(pieces, pop(openSquare), SQUARE_BRACKET_MULTIPLIER);
            } else {
                String[] between = BREAK_KEYWORD.split(token, -1);
                for (int i = 0; i < between.length; i++) {
                    if (i > 0) {
                        pieces.add(new Piece("", true));
                    }
                    pieces.add(new Piece(between[i]));
                }
            }
        }
        // Unclosed openers still count, outermost first (the order decides the last bits of the product).
        for (int start : openRound) {
            multiplyFrom(pieces, start, ROUND_BRACKET_MULTIPLIER);
        }
        for (int start : openSquare) {
            multiplyFrom(pieces, start, SQUARE_BRACKET_MULTIPLIER);
        }
        for (Piece piece : pieces) {
            if (!piece.isBreak && !(Math.abs(piece.weight) <= MAX_WEIGHT)) {
                throw new InvalidRequestException("prompt: the brackets around '" + abbreviate(piece.text)
                        + "' multiply its weight to " + piece.weight + ", beyond the limit of " + (int) MAX_WEIGHT
                        + "; use fewer nested brackets or a smaller weight");
            }
        }
        return mergeEqualWeights(pieces);
    }

    private static List<PromptPart> mergeEqualWeights(List<Piece> pieces) {
        List<PromptPart> parts = new ArrayList<>();
        StringBuilder text = null;
        double weight = 0;
        for (Piece piece : pieces) {
            if (text != null && !piece.isBreak && piece.weight == weight) {
                text.append(piece.text);
                continue;
            }
            if (text != null) {
                parts.add(PromptPart.text(text.toString(), weight));
                text = null;
            }
            if (piece.isBreak) {
                parts.add(PromptPart.BREAK);
            } else {
                text = new StringBuilder(piece.text);
                weight = piece.weight;
            }
        }
        if (text != null) {
            parts.add(PromptPart.text(text.toString(), weight));
        }
        if (parts.isEmpty()) {
            parts.add(PromptPart.text("", 1.0));
        }
        return List.copyOf(parts);
    }

    private static double parseWeight(String prompt, int at, String written) {
        // Python's float() reads any Unicode decimal digit; Java's parser wants ASCII.
        StringBuilder ascii = new StringBuilder(written.length());
        written.codePoints().forEach(cp -> ascii.append(cp == '.' || cp == '+' || cp == '-'
                ? (char) cp : (char) ('0' + Character.digit(cp, 10))));
        double weight;
        try {
            weight = Double.parseDouble(ascii.toString());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("prompt: the emphasis weight '" + abbreviate(written) + "' at character "
                    + (at + 1) + " is not a number; write a weight like (text:1.2), or \\( \\) for literal brackets");
        }
        if (!(Math.abs(weight) <= MAX_WEIGHT)) {
            throw new InvalidRequestException("prompt: the emphasis weight '" + abbreviate(written) + "' at character "
                    + (at + 1) + " is beyond the limit of " + (int) MAX_WEIGHT + "; weights between 0 and 2 are usual");
        }
        return weight;
    }

    /** Messages are one line: a long piece of prompt is cut. */
    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 40 ? line : line.substring(0, 37) + "...";
    }

    private static void multiplyFrom(List<Piece> pieces, int start, double multiplier) {
        for (int i = start; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (!piece.isBreak) {
                piece.weight *= multiplier;
            }
        }
    }

    private static int pop(List<Integer> stack) {
        return stack.remove(stack.size() - 1);
    }

    /** Mutable while brackets close around it. */
    private static final class Piece {
        final String text;
        final boolean isBreak;
        double weight = 1.0;

        Piece(String text) {
            this(text, false);
        }

        Piece(String text, boolean isBreak) {
            this.text = text;
            this.isBreak = isBreak;
        }
    }
}
