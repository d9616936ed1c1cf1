package studio.engine.text;

import java.util.Objects;

/**
 * One piece of a parsed prompt: text with the attention weight its brackets give it, or a
 * {@code BREAK} that makes the tokenizer start a new 75-token chunk.
 *
 * @param text    the literal text, escapes resolved; empty for a break
 * @param weight  the product of every bracket multiplier around the text; 1 for a break
 * @param isBreak whether this part is a chunk break rather than text
 */
public record PromptPart(String text, double weight, boolean isBreak) {
    /** The chunk break written {@code BREAK} in a prompt. */
    public static final PromptPart BREAK = new PromptPart("", 1.0, true);

    public PromptPart {
        Objects.requireNonNull(text, "text");
    }

    public static PromptPart text(String text, double weight) {
        return new PromptPart(text, weight, false);
    }

    @Override
    public String toString() {
        return isBreak ? "BREAK" : "(" + text + ", " + weight + ")";
    }
}
