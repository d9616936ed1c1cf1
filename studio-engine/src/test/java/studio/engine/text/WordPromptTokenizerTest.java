package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordPromptTokenizerTest {
    private final WordVocabulary vocab = WordVocabulary.fromTexts(List.of("red apple, noto style", "blue heart, twemoji style"));
    private final WordPromptTokenizer tokenizer = new WordPromptTokenizer(vocab, 8);

    @Test
    void captionBecomesBosWordsEosThenPadding() {
        TokenChunk chunk = tokenizer.encodeWeighted("Red Apple, Noto style").get(0);
        int[] expected = {WordVocabulary.BOS_ID, vocab.id("red"), vocab.id("apple"), vocab.id("noto"), vocab.id("style"),
                WordVocabulary.EOS_ID, WordVocabulary.PAD_ID, WordVocabulary.PAD_ID};
        assertArrayEquals(expected, chunk.ids());
    }

    @Test
    void emptyPromptIsTheUnconditionalWindow() {
        int[] ids = tokenizer.encodeWeighted("").get(0).ids();
        assertEquals(WordVocabulary.BOS_ID, ids[0]);
        assertEquals(WordVocabulary.EOS_ID, ids[1]);
        assertEquals(WordVocabulary.PAD_ID, ids[2]);
    }

    @Test
    void emphasisWeightsTheWordsInside() {
        TokenChunk chunk = tokenizer.encodeWeighted("(blue:1.5) apple").get(0);
        assertEquals(vocab.id("blue"), chunk.ids()[1]);
        assertEquals(1.5f, chunk.weights()[1], 1e-6);
        assertEquals(1f, chunk.weights()[2], 1e-6);
    }

    @Test
    void unknownWordsMapToUnk() {
        assertEquals(WordVocabulary.UNK_ID, tokenizer.encodeWeighted("purple").get(0).ids()[1]);
    }

    @Test
    void longPromptsContinueInFurtherWindows() {
        List<TokenChunk> chunks = tokenizer.encodeWeighted("red apple red apple red apple red apple");
        assertEquals(2, chunks.size());
        assertEquals(WordVocabulary.EOS_ID, chunks.get(0).ids()[7]);
        assertEquals(vocab.id("red"), chunks.get(1).ids()[1]);
    }
}
