package studio.ui.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the prompt box offers while the user types: LoRA names inside a {@code <lora:} tag (for any
 * model), and words starting with the word being typed, when that is not a word already, from the
 * folder's embeddings and, for a model with a word vocabulary (the built-in one), from the words it
 * knows. Pure functions of the text and the lists; {@link PromptCompletion} shows them.
 */
public final class PromptSuggestions {
    /** Letters typed before words are offered: one letter matches too much to help. */
    static final int MIN_WORD = 2;
    static final int MAX_SUGGESTIONS = 10;
    private static final String LORA_TAG = "<lora:";

    private PromptSuggestions() {
    }

    /** The part of the prompt before the caret that a suggestion would replace: a word, or an open LoRA tag. */
    public record Fragment(int start, String text) {
    }

    public static Fragment fragmentBefore(String text, int caret) {
        int tag = text.toLowerCase(Locale.ROOT).lastIndexOf(LORA_TAG, caret - 1);
        // a tag still open at the caret: only a name typed so far, and no '>' closing it later
        int close = text.indexOf('>', caret);
        int nextOpen = text.indexOf('<', caret);
        boolean open = close < 0 || (nextOpen >= 0 && nextOpen < close);
        if (tag >= 0 && tag + LORA_TAG.length() <= caret && open
                && text.substring(tag + LORA_TAG.length(), caret).matches("[^\\s:<>]*")) {
            return new Fragment(tag, text.substring(tag, caret));
        }
        int start = caret;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        return new Fragment(start, text.substring(start, caret));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /**
     * @param fragment what {@link #fragmentBefore} found
     * @return completions for it, shortest first (the likelier words), at most {@link #MAX_SUGGESTIONS}
     */
    public static List<String> suggest(String fragment, List<String> words, List<String> loras, List<String> embeddings) {
        String lower = fragment.toLowerCase(Locale.ROOT);
        if (lower.startsWith(LORA_TAG)) {
            String name = lower.substring(LORA_TAG.length());
            return loras.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name)).sorted()
                    .limit(MAX_SUGGESTIONS).map(l -> LORA_TAG + l + ":1>").toList();
        }
        // A word already known is left alone: its longer relatives ("snow" -> "snowman") would only cover
        // the box below, where the next click may be meant for the negative prompt.
        if (lower.length() < MIN_WORD || Stream.concat(words.stream(), embeddings.stream()).anyMatch(fragment::equalsIgnoreCase)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Stream.concat(embeddings.stream(), words.stream())
                .filter(w -> w.toLowerCase(Locale.ROOT).startsWith(lower))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SUGGESTIONS)
                .forEach(out::add);
        return out;
    }
}
