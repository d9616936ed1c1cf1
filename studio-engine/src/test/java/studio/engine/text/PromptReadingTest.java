package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.model.ModelTokenizers;

/** The counter under a prompt box: tokens and windows as the encoder gets them, and the words a model lacks. */
class PromptReadingTest {
    private static final ClipTokenizer CLIP = ClipTokenizer.bundled(ClipTokenizer.PadMode.END_OF_TEXT);

    @Test
    void clipCountsTheBpeTokensOfThePromptNotItsEmphasisSyntax() {
        String text = "a photograph of an astronaut riding a horse";
        PromptReading reading = CLIP.read("a (photograph:1.2) of an [astronaut] riding a horse");
        assertEquals(CLIP.encode(text).length, reading.tokens());
        assertEquals(1, reading.windows());
        assertEquals(75, reading.capacity());
        assertEquals("tokens", reading.unit());
        assertTrue(reading.unknownWords().isEmpty(), "BPE spells every word");
    }

    @Test
    void aPromptOverSeventyFiveTokensTakesASecondWindow() {
        String prompt = "apple ".repeat(80).trim();
        assertEquals(80, CLIP.encode(prompt).length);
        PromptReading reading = CLIP.read(prompt);
        assertEquals(80, reading.tokens());
        assertEquals(2, reading.windows());
        assertEquals(150, reading.capacity());
    }

    @Test
    void breakStartsAWindowWithoutAddingTokens() {
        PromptReading reading = CLIP.read("red apple BREAK blue sky");
        assertEquals(4, reading.tokens());
        assertEquals(2, reading.windows());
    }

    @Test
    void anEmbeddingCountsAsItsVectorsAndTheFoldersFilesAreCountedWithoutAModel() {
        java.nio.file.Path folder = studio.engine.testing.Golden.root().resolve("lora").resolve("embeddings");
        java.util.Map<String, Integer> counts = new studio.engine.model.EmbeddingFolder(folder).vectorCounts();
        int negemb = studio.engine.model.EmbeddingFile.read(folder.resolve("negemb.safetensors")).vectors()
                .values().iterator().next().length;
        assertEquals(negemb, counts.get("negemb"));
        TextualInversions embeddings = TextualInversions.ofCounts(java.util.Map.of("negemb", 8), "test");
        int plain = CLIP.encode("blurry, ").length;
        assertEquals(plain + 8, CLIP.read("blurry, negemb", embeddings).tokens());
        assertEquals(plain + 8, CLIP.read("blurry, embedding:negemb", embeddings).tokens(), "ComfyUI's spelling");
        assertEquals(plain + CLIP.encode("negemb").length, CLIP.read("blurry, negemb").tokens(), "unknown: its name's tokens");
    }

    @Test
    void anEmptyPromptIsOneEmptyWindow() {
        PromptReading reading = CLIP.read("");
        assertEquals(0, reading.tokens());
        assertEquals(1, reading.windows());
    }

    @Test
    void aWordVocabularyNamesTheWordsItLacksOnceEach() {
        WordVocabulary vocab = WordVocabulary.fromTexts(List.of("red apple, noto style", "blue heart, twemoji style"));
        WordPromptTokenizer words = new WordPromptTokenizer(vocab, 8);
        PromptReading reading = words.read("a red (dragon:1.3), a blue dragon, noto style");
        assertEquals(List.of("a", "dragon"), reading.unknownWords());
        assertEquals(8, reading.tokens(), "unknown words still take their positions");
        assertEquals(2, reading.windows(), "six words to a window of 8");
        assertEquals(12, reading.capacity());
        assertEquals("words", reading.unit());
    }

    @Test
    void theBuiltInModelKnowsItsCaptionsWordsAndNotAPhotographsOnes() {
        PromptTokenizer builtIn = ModelTokenizers.of("default", (java.nio.file.Path) null);
        PromptReading caption = builtIn.read("red apple, noto style");
        assertEquals(List.of(), caption.unknownWords());
        assertEquals(4, caption.tokens());
        assertEquals(builtIn.contextLength() - 2, caption.tokensPerWindow());
        List<String> unknown = builtIn.read("a photograph of an astronaut riding a horse").unknownWords();
        assertTrue(unknown.containsAll(List.of("photograph", "riding")), unknown.toString());
        assertTrue(!unknown.contains("astronaut") && !unknown.contains("horse"), "both are emoji names: " + unknown);
    }
}
