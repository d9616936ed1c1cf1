package studio.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import studio.engine.text.EmphasisParser;
import studio.engine.text.PromptPart;

/** Ctrl+Up / Ctrl+Down on a prompt: the weights the engine's parser then reads. */
class EmphasisEditTest {
    private static final double UP = EmphasisEdit.STEP;
    private static final double DOWN = -EmphasisEdit.STEP;

    private static EmphasisEdit.Result at(String text, int caret, double delta) {
        return EmphasisEdit.apply(text, caret, caret, delta);
    }

    @Test
    void theWordAtTheCaretIsWeighted() {
        EmphasisEdit.Result r = at("a red apple, noto style", 8, UP); // in "apple"
        assertEquals("a red (apple:1.1), noto style", r.text());
        assertEquals("apple", r.text().substring(r.selectionStart(), r.selectionEnd()), "the selection stays on the word");
        assertEquals("a red (apple:0.9), noto style", at("a red apple, noto style", 11, DOWN).text(), "caret at its end");
    }

    @Test
    void repeatingMovesTheWeightAndBackToOneDropsTheBrackets() {
        EmphasisEdit.Result once = at("red apple", 5, UP);
        EmphasisEdit.Result twice = EmphasisEdit.apply(once.text(), once.selectionStart(), once.selectionEnd(), UP);
        assertEquals("red (apple:1.2)", twice.text());
        EmphasisEdit.Result down = EmphasisEdit.apply(twice.text(), twice.selectionStart(), twice.selectionEnd(), DOWN);
        EmphasisEdit.Result plain = EmphasisEdit.apply(down.text(), down.selectionStart(), down.selectionEnd(), DOWN);
        assertEquals("red apple", plain.text());
        assertEquals("apple", plain.text().substring(plain.selectionStart(), plain.selectionEnd()));
    }

    @Test
    void aSelectionOfSeveralWordsIsOneGroupAndTheCaretInsideAGroupMovesIt() {
        EmphasisEdit.Result r = EmphasisEdit.apply("a red apple, noto style", 2, 12, UP);
        assertEquals("a (red apple,:1.1) noto style", r.text(), "the trailing space is left out");
        assertEquals("a (red apple:1.25) noto", at("a (red apple:1.35) noto", 4, DOWN).text());
        assertEquals("a (red apple:1.45) noto", at("a (red apple:1.35) noto", 16, UP).text(), "caret on the number");
    }

    @Test
    void weightsNeverGoBelowZeroAndNothingAtTheCaretIsNoEdit() {
        assertEquals("(apple:0)", at("(apple:0.05)", 3, DOWN).text());
        assertNull(at("red, , apple", 5, UP), "between two commas");
        assertNull(at("", 0, UP));
    }

    @Test
    void theEngineReadsTheWeightWritten() {
        String text = at("red apple, noto style", 6, UP).text();
        PromptPart apple = EmphasisParser.parse(text).stream().filter(p -> p.text().contains("apple")).findFirst().orElseThrow();
        assertEquals(1.1, apple.weight(), 1e-9);
    }
}
