package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;

class WordVocabularyTest {
    @TempDir
    Path tmp;

    private final WordVocabulary vocab = WordVocabulary.fromTexts(List.of(
            "red apple, noto style", "green apple, fluent style", "one oclock, noto style"));

    @Test
    void specialTokensComeFirstThenSortedWords() {
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>",
                "apple", "fluent", "green", "noto", "oclock", "one", "red", "style"), vocab.tokens());
        assertEquals(0, vocab.id(WordVocabulary.PAD));
        assertEquals(3, vocab.id("banana"));
    }

    @Test
    void encodesNormalisedWordsBetweenBosAndEos() {
        int[] ids = vocab.encode("Red Apple, Noto style!");
        assertArrayEquals(new int[] {1, vocab.id("red"), vocab.id("apple"), vocab.id("noto"), vocab.id("style"), 2}, ids);
        assertEquals("red apple noto style", vocab.decode(ids));
        assertEquals("<unk> apple", vocab.decode(vocab.encode("yellow apple")));
    }

    @Test
    void fixedLengthPadsOrCutsButKeepsEos() {
        assertArrayEquals(new int[] {1, vocab.id("red"), 2, 0, 0}, vocab.encode("red", 5));
        assertArrayEquals(new int[] {1, vocab.id("red"), 2}, vocab.encode("red apple noto", 3));
        assertThrows(IllegalArgumentException.class, () -> vocab.encode("red", 1));
    }

    @Test
    void saveAndLoadGiveTheSameVocabulary() throws IOException {
        Path file = tmp.resolve("vocab.json");
        vocab.save(file);
        WordVocabulary loaded = WordVocabulary.load(file);
        assertEquals(vocab, loaded);
        assertArrayEquals(vocab.encode("green apple, fluent style"), loaded.encode("green apple, fluent style"));
    }

    @Test
    void malformedFilesAreRefusedWithTheReason() throws IOException {
        Path notJson = tmp.resolve("a.json");
        Files.writeString(notJson, "{tokens: [");
        assertThrows(InvalidRequestException.class, () -> WordVocabulary.load(notJson));

        Path noSpecials = tmp.resolve("b.json");
        Files.writeString(noSpecials, "{\"format\": \"" + WordVocabulary.FORMAT + "\", \"tokens\": [\"apple\"]}");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> WordVocabulary.load(noSpecials));
        assertTrue(e.getMessage().contains("special tokens"), e.getMessage());

        Path duplicate = tmp.resolve("c.json");
        Files.writeString(duplicate, "{\"format\": \"" + WordVocabulary.FORMAT
                + "\", \"tokens\": [\"<pad>\", \"<bos>\", \"<eos>\", \"<unk>\", \"a\", \"a\"]}");
        assertThrows(InvalidRequestException.class, () -> WordVocabulary.load(duplicate));
    }
}
