package studio.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Word-level tokenizer for randomly initialised models (benchmarks), which have no vocabulary: each
 * lower-cased word maps to a bucket by CRC-32. Deterministic across runs and machines, so the same
 * prompt always conditions the model the same way. Id 0 pads, 1 begins, 2 ends a window.
 */
public final class HashingWordTokenizer implements PromptTokenizer {
    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    private static final int RESERVED = 3;

    private final int vocabSize;
    private final int contextLength;

    public HashingWordTokenizer(int vocabSize, int contextLength) {
        if (vocabSize <= RESERVED || contextLength < 3) {
            throw new IllegalArgumentException("vocabulary or context too small");
        }
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
    }

    @Override
    public List<TokenChunk> encodeWeighted(String prompt) {
        List<Integer> ids = new ArrayList<>();
        for (String word : prompt.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                ids.add(bucket(word));
            }
        }
        int perChunk = contextLength - 2;
        List<TokenChunk> chunks = new ArrayList<>();
        int start = 0;
        do {
            int[] window = new int[contextLength];
            window[0] = BOS;
            int n = Math.min(perChunk, ids.size() - start);
            for (int i = 0; i < n; i++) {
                window[1 + i] = ids.get(start + i);
            }
            window[1 + n] = EOS;
            float[] weights = new float[contextLength];
            Arrays.fill(weights, 1f);
            chunks.add(new TokenChunk(window, weights));
            start += perChunk;
        } while (start < ids.size());
        return chunks;
    }

    private int bucket(String word) {
        CRC32 crc = new CRC32();
        crc.update(word.getBytes(StandardCharsets.UTF_8));
        return RESERVED + (int) (crc.getValue() % (vocabSize - RESERVED));
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /** Every word has a bucket, so none is unknown. */
    @Override
    public PromptReading read(String prompt) {
        return PromptReading.ofWindows(encodeWeighted(prompt), EOS, contextLength - 2, "words", List.of(), Map.of());
    }
}
