package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The known word the counter offers for an unknown one: a plural's singular, or one typo away. */
class WordSuggestionsTest {
    private final WordVocabulary vocab = WordVocabulary.fromTexts(
            List.of("red apple, noto style", "cherry", "fox face", "strawberry", "green heart"));

    @Test
    void pluralsGetTheirSingular() {
        assertEquals(Optional.of("apple"), WordSuggestions.forWord("apples", vocab));
        assertEquals(Optional.of("fox"), WordSuggestions.forWord("foxes", vocab));
        assertEquals(Optional.of("cherry"), WordSuggestions.forWord("cherries", vocab));
    }

    @Test
    void oneTypoAwayGetsTheKnownWord() {
        assertEquals(Optional.of("apple"), WordSuggestions.forWord("appel", vocab), "two letters swapped");
        assertEquals(Optional.of("strawberry"), WordSuggestions.forWord("strawbery", vocab), "a letter dropped");
        assertEquals(Optional.of("green"), WordSuggestions.forWord("greeen", vocab), "a letter added");
        assertEquals(Optional.of("heart"), WordSuggestions.forWord("hesrt", vocab), "a letter changed");
    }

    @Test
    void shortOrFarWordsGetNone() {
        assertEquals(Optional.empty(), WordSuggestions.forWord("rad", vocab), "under four letters");
        assertEquals(Optional.empty(), WordSuggestions.forWord("photograph", vocab));
        assertEquals(Optional.empty(), WordSuggestions.forWord("aplpee", vocab), "two edits");
    }

    @Test
    void editDistanceOfExactlyOne() {
        assertTrue(WordSuggestions.oneEditApart("abcd", "abdc"));
        assertTrue(WordSuggestions.oneEditApart("abcd", "abcde"));
        assertTrue(WordSuggestions.oneEditApart("abcde", "abde"));
        assertTrue(WordSuggestions.oneEditApart("xbcd", "abcd"));
        assertFalse(WordSuggestions.oneEditApart("abcd", "abcd"));
        assertFalse(WordSuggestions.oneEditApart("abcd", "xbcy"));
        assertFalse(WordSuggestions.oneEditApart("abcd", "badc"));
        assertFalse(WordSuggestions.oneEditApart("abcd", "ab"));
    }

    @Test
    void theReadingNamesTheSuggestionBesideTheUnknownWord() {
        PromptReading r = new WordPromptTokenizer(vocab, 16).read("two red apples and a strawbery");
        assertEquals(List.of("two", "apples", "and", "a", "strawbery"), r.unknownWords());
        assertEquals(Map.of("apples", "apple", "strawbery", "strawberry"), r.suggestions());
        assertEquals("two, apples (apple?), and, a, strawbery (strawberry?)", r.unknownWordsText(10));
        assertEquals("two, apples (apple?) and 3 more", r.unknownWordsText(2));
    }
}
