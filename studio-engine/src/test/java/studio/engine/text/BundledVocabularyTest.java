package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The CLIP vocabulary that ships inside the engine is the one every SD checkpoint was trained with:
 * built from CLIP's own merge list, it must equal the Hugging Face {@code vocab.json}/{@code merges.txt}
 * layout of the same vocabulary token for token and merge for merge.
 */
class BundledVocabularyTest {
    @Test
    void bundledEqualsTheHuggingFaceFiles() {
        BpeVocabulary bundled = BpeVocabulary.clipBundled();
        BpeVocabulary files = BpeVocabulary.readHuggingFace(TokenizerFixtures.clipTokenizerDir());
        assertEquals(49408, bundled.tokenIds().size());
        assertEquals(files.tokenIds(), bundled.tokenIds());
        assertEquals(files.mergeRanks(), bundled.mergeRanks());
    }

    @Test
    void bundledTokenizerEncodesAsTheFolderOne() {
        ClipTokenizer bundled = ClipTokenizer.bundled(ClipTokenizer.PadMode.END_OF_TEXT);
        ClipTokenizer folder = TokenizerFixtures.sd1();
        String prompt = "a photograph of an astronaut riding a horse, (masterpiece:1.2), Zürich café 🐴";
        assertArrayEquals(folder.encode(prompt), bundled.encode(prompt));
        assertEquals(49406, bundled.startOfTextId());
        assertEquals(49407, bundled.endOfTextId());
        assertEquals(0, ClipTokenizer.bundled(ClipTokenizer.PadMode.ZERO).padId());
    }
}
