package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A1111's 75-token chunking, on the real CLIP vocabulary where "cat", "dog" and "," are one token each. */
class PromptChunkerTest {
    private static final int BOS = 49406;
    private static final int EOS = 49407;

    private final ClipTokenizer tokenizer = TokenizerFixtures.sd1();
    private final int cat = single("cat");
    private final int dog = single("dog");
    private final int comma = single(",");

    @Test
    void twoHundredTokensMakeThreeChunksOf75_75_50() {
        String prompt = "cat ".repeat(120) + "dog ".repeat(80);
        List<TokenChunk> chunks = tokenizer.encodeWeighted(prompt);

        assertEquals(3, chunks.size());
        assertEquals(List.of(75, 75, 50), promptTokens(chunks));
        List<Integer> joined = new ArrayList<>();
        for (TokenChunk chunk : chunks) {
            int[] ids = chunk.ids();
            assertEquals(77, ids.length);
            assertEquals(BOS, ids[0]);
            assertEquals(EOS, ids[76]);
            assertArrayEquals(ClipTokenizerTest.filled(77, 1f), chunk.weights());
            for (int i = 1; i <= promptTokens(chunk); i++) {
                joined.add(ids[i]);
            }
        }
        assertEquals(Arrays.stream(tokenizer.encode(prompt)).boxed().toList(), joined);
        int[] last = chunks.get(2).ids();
        assertTrue(Arrays.stream(last, 51, 77).allMatch(id -> id == EOS), "50-token chunk is padded with EOS");
    }

    @Test
    void wordsAfterACommaNearTheEndMoveToTheNextChunk() {
        // 60 cats, a comma at index 60, then dogs: at the 76th token the comma is 15 back (<= 20).
        List<TokenChunk> chunks = tokenizer.encodeWeighted("cat ".repeat(60) + ", " + "dog ".repeat(30));

        assertEquals(2, chunks.size());
        int[] first = chunks.get(0).ids();
        assertEquals(61, promptTokens(chunks.get(0)));
        assertEquals(cat, first[60]);
        assertEquals(comma, first[61]);
        assertEquals(EOS, first[62]);
        int[] second = chunks.get(1).ids();
        assertEquals(30, promptTokens(chunks.get(1)));
        assertTrue(Arrays.stream(second, 1, 31).allMatch(id -> id == dog));
    }

    @Test
    void aCommaFurtherBackThanTwentyTokensDoesNotMoveWords() {
        // Comma at index 50: 25 tokens back when the chunk fills, so the chunk is cut at 75.
        List<TokenChunk> chunks = tokenizer.encodeWeighted("cat ".repeat(50) + ", " + "dog ".repeat(40));

        assertEquals(List.of(75, 16), promptTokens(chunks));
        assertEquals(comma, chunks.get(0).ids()[51]);
        assertEquals(dog, chunks.get(0).ids()[75]);
    }

    @Test
    void aCommaThatWouldBeToken76OpensTheNextChunk() {
        List<TokenChunk> chunks = tokenizer.encodeWeighted("cat ".repeat(75) + ", dog");

        assertEquals(List.of(75, 2), promptTokens(chunks));
        assertEquals(comma, chunks.get(1).ids()[1]);
        assertEquals(dog, chunks.get(1).ids()[2]);
    }

    @Test
    void breakEndsTheChunkEarly() {
        List<TokenChunk> chunks = tokenizer.encodeWeighted("cat cat BREAK dog");
        assertEquals(2, chunks.size());
        assertEquals(List.of(2, 1), promptTokens(chunks));
        assertEquals(dog, chunks.get(1).ids()[1]);

        // As in A1111, a leading BREAK yields an empty first chunk; a trailing one adds nothing.
        assertEquals(List.of(0, 1), promptTokens(tokenizer.encodeWeighted("BREAK dog")));
        assertEquals(List.of(1), promptTokens(tokenizer.encodeWeighted("dog BREAK")));
    }

    @Test
    void weightsFollowTheirTokensAcrossChunks() {
        List<TokenChunk> chunks = tokenizer.encodeWeighted("(cat:1.5) ".repeat(50) + "[dog] ".repeat(50));

        assertEquals(List.of(75, 25), promptTokens(chunks));
        float[] first = chunks.get(0).weights();
        float[] second = chunks.get(1).weights();
        assertEquals(1f, first[0]);
        assertTrue(allEqual(first, 1, 51, 1.5f));
        assertTrue(allEqual(first, 51, 76, (float) (1 / 1.1)));
        assertTrue(allEqual(second, 1, 26, (float) (1 / 1.1)));
        assertTrue(allEqual(second, 26, 77, 1f));
    }

    @Test
    void aVocabularyWithoutCommaNeverBacktracks() {
        PromptChunker chunker = new PromptChunker(1, 2, 0, PromptChunker.NO_COMMA);
        List<PromptPart> parts = List.of(PromptPart.text("x".repeat(80), 1.0));
        List<TokenChunk> chunks = chunker.chunk(parts, text -> text.chars().map(c -> 7).toArray());

        assertEquals(2, chunks.size());
        assertEquals(7, chunks.get(0).ids()[75]);
        assertEquals(2, chunks.get(1).ids()[6]);
        assertEquals(0, chunks.get(1).ids()[7]);
    }

    private static List<Integer> promptTokens(List<TokenChunk> chunks) {
        return chunks.stream().map(PromptChunkerTest::promptTokens).toList();
    }

    private static int promptTokens(TokenChunk chunk) {
        int[] ids = chunk.ids();
        int n = 0;
        while (ids[1 + n] != EOS) {
            n++;
        }
        return n;
    }

    private static boolean allEqual(float[] values, int from, int to, float expected) {
        for (int i = from; i < to; i++) {
            if (values[i] != expected) {
                return false;
            }
        }
        return true;
    }

    private int single(String word) {
        int[] ids = tokenizer.encode(word);
        assertEquals(1, ids.length, word + " is expected to be one token");
        return ids[0];
    }
}
