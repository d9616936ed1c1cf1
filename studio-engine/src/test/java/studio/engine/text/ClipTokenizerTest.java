package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;

class ClipTokenizerTest {
    private static final int BOS = 49406;
    private static final int EOS = 49407;

    private final ClipTokenizer tokenizer = TokenizerFixtures.sd1();

    @Test
    void shortPromptIsOneFramedChunkPaddedWithEndTokens() {
        int[] words = tokenizer.encode("a photo of a cat");
        List<TokenChunk> chunks = tokenizer.encodeWeighted("a photo of a cat");

        assertEquals(1, chunks.size());
        int[] expected = new int[77];
        Arrays.fill(expected, EOS);
        expected[0] = BOS;
        System.arraycopy(words, 0, expected, 1, words.length);
        assertArrayEquals(expected, chunks.get(0).ids());
        assertArrayEquals(filled(77, 1f), chunks.get(0).weights());
        assertEquals(77, tokenizer.contextLength());
    }

    @Test
    void emptyPromptIsStartEndAndPadding() {
        int[] expected = new int[77];
        Arrays.fill(expected, EOS);
        expected[0] = BOS;
        for (String empty : new String[] {"", "   ", "()"}) {
            List<TokenChunk> chunks = tokenizer.encodeWeighted(empty);
            assertEquals(1, chunks.size(), empty);
            assertArrayEquals(expected, chunks.get(0).ids(), empty);
            assertArrayEquals(filled(77, 1f), chunks.get(0).weights(), empty);
        }
    }

    @Test
    void sd2PaddingIsZeroAfterTheEndToken() {
        ClipTokenizer sd2 = ClipTokenizer.load(TokenizerFixtures.clipTokenizerDir(), ClipTokenizer.PadMode.ZERO);
        int[] words = sd2.encode("a red fox");
        int[] ids = sd2.encodeWeighted("a red fox").get(0).ids();

        assertEquals(BOS, ids[0]);
        assertArrayEquals(words, Arrays.copyOfRange(ids, 1, 1 + words.length));
        assertEquals(EOS, ids[1 + words.length]);
        assertTrue(IntStream.range(2 + words.length, 77).allMatch(i -> ids[i] == 0), Arrays.toString(ids));
        assertEquals(0, sd2.padId());
        assertEquals(EOS, tokenizer.padId());
    }

    @Test
    void eachWeightedPieceIsTokenizedOnItsOwnAndCarriesItsWeight() {
        // A1111 tokenizes "a ", "red" and " car" separately: brackets also split words.
        TokenChunk chunk = tokenizer.encodeWeighted("a (red:1.5) car [old]").get(0);
        int[] a = tokenizer.encode("a ");
        int[] red = tokenizer.encode("red");
        int[] car = tokenizer.encode(" car ");
        int[] old = tokenizer.encode("old");
        int[] ids = chunk.ids();
        float[] weights = chunk.weights();

        int at = 1;
        for (int[] piece : new int[][] {a, red, car, old}) {
            assertArrayEquals(piece, Arrays.copyOfRange(ids, at, at + piece.length));
            at += piece.length;
        }
        assertEquals(EOS, ids[at]);
        assertEquals(1f, weights[1]);
        assertEquals(1.5f, weights[1 + a.length]);
        assertEquals(1f, weights[1 + a.length + red.length]);
        assertEquals((float) (1 / 1.1), weights[at - 1]);
        assertEquals(1f, weights[at]);

        int[] glued = tokenizer.encodeWeighted("(cat)dog").get(0).ids();
        int[] cat = tokenizer.encode("cat");
        int[] dog = tokenizer.encode("dog");
        assertEquals(cat[0], glued[1]);
        assertEquals(dog[0], glued[1 + cat.length]);
    }

    @Test
    void literalEndOfTextIsTheEndTokenAndSd2PadsAfterIt() {
        assertArrayEquals(new int[] {EOS}, tokenizer.encode("<|endoftext|>"));
        assertArrayEquals(new int[] {BOS}, tokenizer.encode("<|STARTOFTEXT|>"));
        ClipTokenizer sd2 = ClipTokenizer.load(TokenizerFixtures.clipTokenizerDir(), ClipTokenizer.PadMode.ZERO);
        int[] ids = sd2.encodeWeighted("cat <|endoftext|> dog").get(0).ids();
        assertEquals(EOS, ids[2]);
        assertEquals(0, ids[3], "A1111 pads everything after the first end token, even one written in the prompt");
    }

    @Test
    void decomposedAccentsTokenizeLikePrecomposedOnes() {
        assertArrayEquals(tokenizer.encode("caf\u00e9"), tokenizer.encode("cafe\u0301"));
    }

    @Test
    void missingFolderOrFilesSayWhichAndWhatToPutThere(@TempDir Path dir) throws IOException {
        Path absent = dir.resolve("nope");
        assertMessage(absent, "tokenizer folder " + absent + " does not exist", "vocab.json and merges.txt");

        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        assertMessage(dir, dir.resolve("vocab.json") + " is missing", "vocab.json and merges.txt");

        Files.delete(dir.resolve("merges.txt"));
        Files.copy(TokenizerFixtures.clipTokenizerDir().resolve("vocab.json"), dir.resolve("vocab.json"));
        assertMessage(dir, dir.resolve("merges.txt") + " is missing", "'tokenizer' folder");
    }

    @Test
    void corruptFilesAreRefusedWithTheFileAndPlace(@TempDir Path dir) throws IOException {
        Path fixtures = TokenizerFixtures.clipTokenizerDir();
        Files.copy(fixtures.resolve("merges.txt"), dir.resolve("merges.txt"));

        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": ");
        assertMessage(dir, dir.resolve("vocab.json") + " is not a JSON object of token -> id");

        Files.writeString(dir.resolve("vocab.json"), "{\"a\": \"zero\"}");
        assertMessage(dir, "the id of token 'a' is STRING, not a number");

        Files.write(dir.resolve("vocab.json"), new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
        assertMessage(dir, dir.resolve("vocab.json") + " is not UTF-8 text");

        Files.copy(fixtures.resolve("vocab.json"), dir.resolve("vocab.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\ni n\nt  h\n", StandardCharsets.UTF_8);
        assertMessage(dir, dir.resolve("merges.txt") + " line 3: expected two symbols separated by one space",
                "found 't  h'");

        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\ni n\nq z\n", StandardCharsets.UTF_8);
        assertMessage(dir, "line 3: the merge 'q z' makes 'qz', which vocab.json lacks");
    }

    private static void assertMessage(Path dir, String... parts) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ClipTokenizer.load(dir));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    static float[] filled(int length, float value) {
        float[] array = new float[length];
        Arrays.fill(array, value);
        return array;
    }
}
