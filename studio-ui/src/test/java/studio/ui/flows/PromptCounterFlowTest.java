package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import studio.ui.testing.Fx;

/**
 * Typing a prompt for the built-in model: the line under the box counts its words and names, in the
 * warning colour, those the model does not know; the negative prompt has its own line.
 */
class PromptCounterFlowTest extends FlowTestBase {
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown-words");

    @Test
    void theLineUnderThePromptNamesTheWordsTheBuiltInModelLacks(FxRobot robot) {
        Label line = robot.lookup("#promptCount").queryAs(Label.class);
        robot.clickOn("#prompt").write("red apple, noto style");
        Fx.waitUntil("the built-in model's vocabulary", 30, () -> !Fx.call(line::getText).isEmpty());
        assertEquals("4/14 words", Fx.call(line::getText));
        assertFalse(Fx.call(() -> line.getPseudoClassStates().contains(UNKNOWN)));

        robot.clickOn("#prompt").write(" with a photograph");
        String text = Fx.call(line::getText);
        assertTrue(text.startsWith("7/14 words · not known to this model: "), text);
        assertTrue(text.contains("photograph") && !text.contains("apple"), text);
        assertTrue(Fx.call(() -> line.getPseudoClassStates().contains(UNKNOWN)), "shown in the warning colour");

        robot.clickOn("#negativePrompt").write("blurry");
        String negative = Fx.call(() -> robot.lookup("#negativeCount").queryAs(Label.class).getText());
        assertTrue(negative.startsWith("1/14 words"), negative);
        user(robot).assertNoError();
    }
}
