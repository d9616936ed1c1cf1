package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Progress;
import studio.engine.text.TokenChunk;

/**
 * Work per request is bounded: prompts by characters (before any model loads) and by A1111 token
 * chunks (once the model's tokenizer is known), sizes by the model's pixel budget. Each refusal comes
 * quickly and says the limit and why.
 */
class RequestBoundsTest extends OnDefaultModel {
    private static final Duration QUICKLY = Duration.ofSeconds(30);

    private static String words(int count) {
        return String.join(" ", Collections.nCopies(count, "apple"));
    }

    @Test
    void aPromptOfTwentyThousandCharactersIsRefusedBeforeAnyModelLoads() {
        String prompt = "a".repeat(20_000);
        List<String> problems = GenerationRequest.builder().prompt(prompt).build().problems();
        assertEquals("the prompt is 20000 characters, over the limit of " + GenerationRequest.MAX_PROMPT_CHARS
                + "; shorten it", problems.get(0));
        assertTrue(GenerationRequest.builder().negativePrompt(prompt).build().problems().get(0)
                .startsWith("the negative prompt is 20000 characters"));
    }

    @Test
    void tokenLimitCountsA1111Chunks() {
        TokenChunk chunk = new TokenChunk(new int[77], new float[77]);
        List<TokenChunk> eight = Collections.nCopies(8, chunk);
        assertEquals(eight, TextConditioning.withinLimit("prompt", eight, 77), "8 chunks of 75 = 600 tokens");
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> TextConditioning.withinLimit("prompt", Collections.nCopies(9, chunk), 77));
        assertEquals("the prompt fills 9 chunks of 75 tokens (675 tokens), over the limit of 600: each chunk is one"
                + " more text-encoder pass and lengthens every cross-attention at every step; shorten it", e.getMessage());
    }

    @Test
    void aLongPromptOnTheBuiltInModelIsRefusedQuicklyWithTheLimit() {
        // The built-in model's word tokenizer holds 14 words a chunk: 700 words are 50 chunks, 700 tokens.
        GenerationRequest r = GenerationRequest.builder().prompt(words(700)).steps(2).previewEvery(0).build();
        assertTrue(r.problems().isEmpty(), "within the character limit");
        InvalidRequestException e = assertTimeoutPreemptively(QUICKLY,
                () -> assertThrows(InvalidRequestException.class, () -> generator.generate(r, Progress.NONE)));
        assertTrue(e.getMessage().startsWith("the prompt fills 50 chunks of 14 tokens (700 tokens), over the limit of 600"),
                e.getMessage());
    }

    @Test
    void aPromptAtTheTokenLimitStillRuns() {
        GenerationRequest r = GenerationRequest.builder().prompt(words(42 * 14)).steps(1).previewEvery(0).build();
        assertEquals(64, generator.generate(r, Progress.NONE).get(0).width());
    }

    @Test
    void fourKOnTheSixtyFourPixelModelIsRefusedQuicklyWithItsBudget() {
        GenerationRequest r = GenerationRequest.builder().prompt("red apple").size(4096, 4096).steps(2).build();
        InvalidRequestException e = assertTimeoutPreemptively(QUICKLY,
                () -> assertThrows(InvalidRequestException.class, () -> generator.generate(r, Progress.NONE)));
        assertTrue(e.getMessage().startsWith("4096x4096 is 16,777,216 pixels, over this model's budget of "), e.getMessage());
        assertTrue(e.getMessage().contains("working memory") && e.getMessage().contains("half of this machine's memory"),
                e.getMessage());
    }
}
