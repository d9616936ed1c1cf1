package studio.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the prompt box offers for the fragment before the caret. */
class PromptSuggestionsTest {
    private static final List<String> WORDS = List.of("red", "strawberry", "straight", "star", "apple");
    private static final List<String> LORAS = List.of("pixel-art", "Papercut", "detail");
    private static final List<String> EMBEDDINGS = List.of("starry-night");

    @Test
    void theWordBeforeTheCaretIsTheFragment() {
        assertEquals(new PromptSuggestions.Fragment(10, "stra"), PromptSuggestions.fragmentBefore("red apple strawb", 14));
        assertEquals(new PromptSuggestions.Fragment(5, ""), PromptSuggestions.fragmentBefore("red, ", 5));
        assertEquals(new PromptSuggestions.Fragment(5, "<lora:pa"), PromptSuggestions.fragmentBefore("a fox<lora:pa", 13));
        assertEquals(new PromptSuggestions.Fragment(16, "fox"), PromptSuggestions.fragmentBefore("<lora:detail:1> fox", 19),
                "a closed tag is not completed");
        assertEquals(new PromptSuggestions.Fragment(0, "<lora:pa"), PromptSuggestions.fragmentBefore("<lora:pa, <lora:detail:1>", 8),
                "a later tag's '>' does not close this one");
        assertEquals("pa", PromptSuggestions.fragmentBefore("<lora:pa:1>", 8).text(), "inside a closed tag: only the word");
    }

    @Test
    void wordsAndEmbeddingsStartingWithTheFragmentShortestFirst() {
        assertEquals(List.of("star", "straight", "strawberry", "starry-night"),
                PromptSuggestions.suggest("st", WORDS, LORAS, EMBEDDINGS));
        assertEquals(List.of("straight", "strawberry"), PromptSuggestions.suggest("Stra", WORDS, LORAS, EMBEDDINGS));
        assertEquals(List.of(), PromptSuggestions.suggest("s", WORDS, LORAS, EMBEDDINGS), "one letter is too little");
        assertEquals(List.of(), PromptSuggestions.suggest("star", WORDS, LORAS, EMBEDDINGS),
                "a known word is left alone, though starry-night starts with it");
    }

    @Test
    void insideALoraTagTheFoldersLorasAreOffered() {
        assertEquals(List.of("<lora:Papercut:1>", "<lora:pixel-art:1>"),
                PromptSuggestions.suggest("<lora:p", WORDS, LORAS, EMBEDDINGS));
        assertEquals(3, PromptSuggestions.suggest("<lora:", List.of(), LORAS, List.of()).size());
    }

    @Test
    void atMostTenAreOffered() {
        List<String> many = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "word" + i).toList();
        assertEquals(PromptSuggestions.MAX_SUGGESTIONS, PromptSuggestions.suggest("wo", many, List.of(), List.of()).size());
    }
}
