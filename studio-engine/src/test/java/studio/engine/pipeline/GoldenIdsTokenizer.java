package studio.engine.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import studio.engine.text.PromptTokenizer;
import studio.engine.text.TokenChunk;

/**
 * The tiny reference models have a 1000-token vocabulary of their own, so the golden runs store token
 * ids instead of text. This tokenizer maps the two prompt names used by the tests to those ids.
 */
final class GoldenIdsTokenizer implements PromptTokenizer {
    private final Map<String, long[]> ids;

    GoldenIdsTokenizer(Map<String, long[]> ids) {
        this.ids = ids;
    }

    @Override
    public List<TokenChunk> encodeWeighted(String prompt) {
        long[] chunk = ids.get(prompt);
        if (chunk == null) {
            throw new IllegalArgumentException("no golden ids for prompt '" + prompt + "'");
        }
        float[] weights = new float[chunk.length];
        Arrays.fill(weights, 1f);
        return List.of(new TokenChunk(Arrays.stream(chunk).mapToInt(Math::toIntExact).toArray(), weights));
    }

    @Override
    public int contextLength() {
        return 77;
    }

    @Override
    public studio.engine.text.PromptReading read(String prompt) {
        throw new UnsupportedOperationException("the golden runs never count prompts");
    }
}
