package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.engine.api.InvalidRequestException;

/** A1111 emphasis semantics, first as documented, then against its parser's own output. */
class EmphasisParserTest {
    private static final double UP = 1.1;
    private static final double DOWN = 1 / 1.1;

    @Test
    void bracketsMultiplyAndNestingCompounds() {
        assertEquals(List.of(t("a ", 1), t("b", 1.5), t(" ", 1), t("c", DOWN), t(" ", 1), t("d", UP * UP)),
                EmphasisParser.parse("a (b:1.5) [c] ((d))"));
        assertEquals(List.of(t("a", 0.75), t(" b", 1)), EmphasisParser.parse("((a:1.5):0.5) b"));
        assertEquals(List.of(t("x", 1.3)), EmphasisParser.parse("(x: 1.3 )"));
    }

    @Test
    void escapesAreLiteralAndALoneBackslashVanishes() {
        assertEquals(List.of(t("(literal] \\ x", 1)), EmphasisParser.parse("\\(literal\\] \\\\ \\x"));
    }

    @Test
    void unclosedOpenersWeighTheRestAndStrayClosersAreText() {
        assertEquals(List.of(t("a ", UP), t("b", UP * DOWN)), EmphasisParser.parse("(a [b"));
        assertEquals(List.of(t("a) b] c:1.2)", 1)), EmphasisParser.parse("a) b] c:1.2)"));
    }

    @Test
    void equalNeighboursMergeAndBreakSplits() {
        assertEquals(List.of(t("unnecessaryparens", UP)), EmphasisParser.parse("(unnecessary)(parens)"));
        assertEquals(List.of(t("a", 1), PromptPart.BREAK, t("b", 1)), EmphasisParser.parse("a BREAK b"));
        assertEquals(List.of(t("aBREAK BREAKb break", 1)), EmphasisParser.parse("aBREAK BREAKb break"));
        assertEquals(List.of(t("", 1)), EmphasisParser.parse(""));
    }

    @Test
    void breakInsideBracketsStillBreaks() {
        // A1111 would turn this BREAK into the word "break" weighted -1.1; here it stays a break.
        assertEquals(List.of(t("a", UP), PromptPart.BREAK, t("b", UP)), EmphasisParser.parse("(a BREAK b)"));
    }

    @Test
    void aWeightThatIsNotANumberIsRefusedWithItsPosition() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> EmphasisParser.parse("cat (dog:1.2.3)"));
        assertTrue(e.getMessage().contains("'1.2.3' at character 10"), e.getMessage());
    }

    @Test
    void weightsBeyondTheLimitAreRefusedBeforeTheyOverflowToInfinityOrNaN() {
        String infinite = "1" + "0".repeat(400); // parses to Infinity
        for (String prompt : List.of("cat (dog:" + infinite + ")", "((dog:0):" + infinite + ")", "(dog:101)",
                "(dog:-1000)")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> EmphasisParser.parse(prompt));
            assertTrue(e.getMessage().startsWith("prompt: the emphasis weight '"), e.getMessage());
            assertTrue(e.getMessage().contains("beyond the limit of 100"), e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().length() > 200, e.getMessage());
        }
        assertEquals(List.of(t("dog", 100.0)), EmphasisParser.parse("(dog:100)"));
    }

    @Test
    void nestingThatCompoundsBeyondTheLimitIsRefused() {
        String deep = "(".repeat(60) + "dog" + ")".repeat(60); // 1.1^60 = 304
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> EmphasisParser.parse(deep));
        assertTrue(e.getMessage().startsWith("prompt: the brackets around 'dog' multiply its weight to 304."),
                e.getMessage());
        String compounded = "((((dog:90))))"; // 90 * 1.1^3
        assertThrows(InvalidRequestException.class, () -> EmphasisParser.parse(compounded));
    }

    @Test
    void unicodeDigitsAreWeightsAsInPython() {
        assertEquals(List.of(t("a", 1.5)), EmphasisParser.parse("(a:\u0661.\u0665)"));
    }

    @Test
    void outputEqualsA1111Parser() {
        JsonObject golden = TokenizerFixtures.golden("emphasis.json");
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : golden.entrySet()) {
            List<PromptPart> expected = new ArrayList<>();
            for (JsonElement element : entry.getValue().getAsJsonArray()) {
                JsonArray pair = element.getAsJsonArray();
                String text = pair.get(0).getAsString();
                double weight = pair.get(1).getAsDouble();
                expected.add(text.equals("BREAK") && weight == -1 ? PromptPart.BREAK : t(text, weight));
            }
            List<PromptPart> actual = EmphasisParser.parse(entry.getKey());
            if (!expected.equals(actual)) {
                mismatches.add(entry.getKey() + "\n  expected " + expected + "\n  actual   " + actual);
            }
        }
        assertTrue(golden.size() >= 30, "golden file holds only " + golden.size() + " prompts");
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    private static PromptPart t(String text, double weight) {
        return PromptPart.text(text, weight);
    }
}
