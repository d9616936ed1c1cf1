package studio.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default model's prompt tokenizer: the caption word vocabulary in fixed windows of
 * {@code <bos>} words {@code <eos>} {@code <pad>}..., with AUTOMATIC1111 emphasis ({@code (word:1.3)})
 * carried as per-word weights. Prompts longer than one window continue in further windows, which the
 * pipeline concatenates, as it does for CLIP.
 */
public final class WordPromptTokenizer implements PromptTokenizer {
    private final WordVocabulary vocabulary;
    private final int contextLength;

    public WordPromptTokenizer(WordVocabulary vocabulary, int contextLength) {
        if (contextLength < 3) {
            throw new IllegalArgumentException("context length must hold <bos>, a word and <eos>");
        }
        this.vocabulary = vocabulary;
        this.contextLength = contextLength;
    }

    public WordVocabulary vocabulary() {
        return vocabulary;
    }

    /** The vocabulary's words, special tokens left out. */
    @Override
    public List<String> knownWords() {
        return vocabulary.tokens().subList(WordVocabulary.SPECIALS.size(), vocabulary.size());
    }

    @Override
    public List<TokenChunk> encodeWeighted(String prompt) {
        List<Integer> ids = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (PromptPart part : EmphasisParser.parse(prompt)) {
            for (String word : WordVocabulary.words(part.text())) {
                ids.add(vocabulary.id(word));
                weights.add((float) part.weight());
            }
        }
        int perChunk = contextLength - 2;
        List<TokenChunk> chunks = new ArrayList<>();
        int start = 0;
        do {
            int[] window = new int[contextLength]; // zeros are <pad>
            float[] w = new float[contextLength];
            Arrays.fill(w, 1f);
            window[0] = WordVocabulary.BOS_ID;
            int n = Math.min(perChunk, ids.size() - start);
            for (int i = 0; i < n; i++) {
                window[1 + i] = ids.get(start + i);
                w[1 + i] = weights.get(start + i);
            }
            window[1 + n] = WordVocabulary.EOS_ID;
            chunks.add(new TokenChunk(window, w));
            start += perChunk;
        } while (start < ids.size());
        return chunks;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /**
     * The words outside the vocabulary are listed (the model reads each as {@code <unk>}), with a known
     * word for those a plural or a typo away ({@link WordSuggestions}).
     */
    @Override
    public PromptReading read(String prompt) {
        Set<String> unknown = new LinkedHashSet<>();
        for (PromptPart part : EmphasisParser.parse(prompt)) {
            for (String word : WordVocabulary.words(part.text())) {
                if (vocabulary.id(word) == WordVocabulary.UNK_ID) {
                    unknown.add(word);
                }
            }
        }
        Map<String, String> suggestions = new HashMap<>();
        for (String word : unknown) {
            WordSuggestions.forWord(word, vocabulary).ifPresent(known -> suggestions.put(word, known));
        }
        return PromptReading.ofWindows(encodeWeighted(prompt), WordVocabulary.EOS_ID, contextLength - 2, "words",
                List.copyOf(unknown), suggestions);
    }
}
