package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import studio.engine.api.InvalidRequestException;

/** Embedding words matched as token sequences and given as many positions as they have vectors (A1111). */
class TextualInversionChunkingTest {
    private static final ClipTokenizer CLIP = ClipTokenizer.bundled(ClipTokenizer.PadMode.END_OF_TEXT);

    private static TextualInversions of(String name, int vectors) {
        Supplier<float[][]> v = () -> new float[vectors][4];
        return new TextualInversions(Map.of(name, v), "/embeddings");
    }

    @Test
    void theNameTakesItsVectorsPositionsAndTheRestShifts() {
        List<TokenChunk> chunks = CLIP.encodeWeighted("a (badhands:1.2) cat", of("badhands", 3));
        int[] plain = CLIP.encode("a");
        int[] cat = CLIP.encode("cat");
        TokenChunk c = chunks.get(0);
        assertEquals(1, c.embeddings().size());
        assertEquals(1 + plain.length, c.embeddings().get(0).position());
        int after = 1 + plain.length + 3;
        assertEquals(cat[0], c.ids()[after], "the word after it shifts right by the vector count");
        assertEquals(1.2f, c.weights()[1 + plain.length], 1e-6, "the embedding carries its emphasis");
        assertEquals(0, c.ids()[1 + plain.length], "placeholder id, as A1111");
        assertArrayEquals(CLIP.encodeWeighted("a cat").get(0).ids(), CLIP.encodeWeighted("a cat", of("badhands", 3)).get(0).ids(),
                "a prompt without the word is unchanged");
    }

    @Test
    void anEmbeddingThatDoesNotFitStartsTheNextChunkAndComfyNamesWork() {
        String filler = "word ".repeat(74).strip();
        List<TokenChunk> chunks = CLIP.encodeWeighted(filler + " embedding:neg", of("neg", 2));
        assertEquals(2, chunks.size());
        assertEquals(List.of(), chunks.get(0).embeddings());
        assertEquals(1, chunks.get(1).embeddings().get(0).position());
        assertThrows(InvalidRequestException.class, () -> CLIP.encodeWeighted("embedding:nosuch", of("neg", 2)));
    }
}
