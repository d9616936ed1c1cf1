package studio.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-level BPE as in GPT-2 and CLIP: a word's UTF-8 bytes become printable stand-in characters,
 * the last one marked end-of-word ({@code </w>}), then adjacent symbols merge by rank until no
 * ranked pair is left. Results are cached per word since prompts repeat the same words.
 */
final class BytePairEncoder {
    static final String END_OF_WORD = "</w>";
    private static final int CACHE_WORDS = 20_000;

    /** The symbol for each byte value: printable Latin-1 bytes stand for themselves, the rest map past 255. */
    private static final String[] BYTE_SYMBOLS = buildByteSymbols();

    private final Map<String, Integer> tokenIds;
    private final Map<String, Integer> mergeRanks;
    private final Map<String, int[]> cache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > CACHE_WORDS;
        }
    });

    BytePairEncoder(BpeVocabulary vocabulary) {
        this.tokenIds = vocabulary.tokenIds();
        this.mergeRanks = vocabulary.mergeRanks();
    }

    static List<String> byteSymbols() {
        return List.of(BYTE_SYMBOLS);
    }

    /** Token ids of one pre-split word (never empty). The returned array must not be modified. */
    int[] encodeWord(String word) {
        int[] cached = cache.get(word);
        if (cached == null) {
            cached = merge(word).stream().mapToInt(tokenIds::get).toArray();
            cache.put(word, cached);
        }
        return cached;
    }

    private List<String> merge(String word) {
        // A lone surrogate (invalid UTF-16) becomes '?' here, as Java's UTF-8 encoder writes it.
        byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
        List<String> symbols = new ArrayList<>(utf8.length);
        for (byte b : utf8) {
            symbols.add(BYTE_SYMBOLS[b & 0xff]);
        }
        int last = symbols.size() - 1;
        symbols.set(last, symbols.get(last) + END_OF_WORD);

        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int best = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = mergeRanks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            symbols = mergeEvery(symbols, symbols.get(best), symbols.get(best + 1));
        }
        return symbols;
    }

    /** Replaces every non-overlapping adjacent (first, second), scanning left to right. */
    private static List<String> mergeEvery(List<String> symbols, String first, String second) {
        List<String> merged = new ArrayList<>(symbols.size());
        int i = 0;
        while (i < symbols.size()) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(first) && symbols.get(i + 1).equals(second)) {
                merged.add(first + second);
                i += 2;
            } else {
                merged.add(symbols.get(i));
                i++;
            }
        }
        return merged;
    }

    private static String[] buildByteSymbols() {
        String[] symbols = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
            symbols[b] = String.valueOf((char) (printable ? b : next++));
        }
        return symbols;
    }
}
