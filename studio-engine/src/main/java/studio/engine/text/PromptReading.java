package studio.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a prompt fills a model's text windows, for the counter under a prompt box (AUTOMATIC1111's
 * "12/75"): the prompt's tokens, the windows they take, and the words the model's vocabulary lacks.
 * CLIP's byte-level BPE spells any word, so it never lacks one; a word-level vocabulary (the built-in
 * model's) reads an unknown word as {@code <unk>}, which the model cannot draw.
 *
 * @param tokens          the prompt's tokens (words, for a word vocabulary), start and end tokens not counted
 * @param windows         text-encoder windows the prompt takes (at least 1)
 * @param tokensPerWindow what one window holds (75 for CLIP)
 * @param unit            what a token is called for this model: "tokens" or "words"
 * @param unknownWords    each word the vocabulary lacks, once, in prompt order
 * @param suggestions     for some unknown words, a known word the user may have meant ("apples" → "apple")
 */
public record PromptReading(int tokens, int windows, int tokensPerWindow, String unit, List<String> unknownWords,
                            Map<String, String> suggestions) {
    public PromptReading {
        unknownWords = List.copyOf(unknownWords);
        suggestions = Map.copyOf(suggestions);
    }

    /** What the windows taken hold in all: the counter's denominator. */
    public int capacity() {
        return windows * tokensPerWindow;
    }

    /** "photograph, apples (apple?)", naming at most {@code max} words and counting the rest ("and 2 more"). */
    public String unknownWordsText(int max) {
        List<String> named = new ArrayList<>();
        for (String word : unknownWords.subList(0, Math.min(max, unknownWords.size()))) {
            String known = suggestions.get(word);
            named.add(known == null ? word : word + " (" + known + "?)");
        }
        int more = unknownWords.size() - named.size();
        return String.join(", ", named) + (more > 0 ? " and " + more + " more" : "");
    }

    /**
     * Counts the prompt positions of encoded windows: each window starts with its start token and
     * its prompt ends at its first end token (as the chunkers frame them).
     */
    static PromptReading ofWindows(List<TokenChunk> chunks, int endId, int tokensPerWindow, String unit,
                                   List<String> unknownWords, Map<String, String> suggestions) {
        int tokens = 0;
        for (TokenChunk chunk : chunks) {
            int[] ids = chunk.ids();
            int end = 1;
            while (end < ids.length && ids[end] != endId) {
                end++;
            }
            tokens += end - 1;
        }
        return new PromptReading(tokens, chunks.size(), tokensPerWindow, unit, unknownWords, suggestions);
    }
}
