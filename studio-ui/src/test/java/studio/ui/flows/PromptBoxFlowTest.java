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
 * The prompt boxes as a person types in them: for the built-in model the line under each box counts
 * its words and names, in the warning colour, those the model does not know; a word being typed is
 * offered the model's words that complete it; Ctrl+Up and Ctrl+Down weigh the word at the caret.
 */
class PromptBoxFlowTest extends FlowTestBase {
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

    @Test
    void ctrlUpAndDownWeighTheWordAtTheCaret(FxRobot robot) {
        javafx.scene.control.TextArea prompt = robot.lookup("#prompt").queryAs(javafx.scene.control.TextArea.class);
        robot.clickOn("#prompt").write("red apple, noto style");
        Fx.run(() -> prompt.positionCaret(6)); // in "apple"
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.UP, 3)
                .release(javafx.scene.input.KeyCode.CONTROL);
        assertEquals("red (apple:1.3), noto style", Fx.call(() -> vm.settings().promptProperty().get()));
        assertEquals("apple", Fx.call(prompt::getSelectedText));
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DOWN)
                .release(javafx.scene.input.KeyCode.CONTROL);
        assertEquals("red (apple:1.2), noto style", Fx.call(() -> vm.settings().promptProperty().get()));
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.CONTROL);
        assertEquals("red (apple:1.3), noto style", Fx.call(prompt::getText), "each step is one undoable edit");
        user(robot).assertNoError();
    }

    @Test
    void aWordBeingTypedIsCompletedFromTheModelsWords(FxRobot robot) {
        robot.clickOn("#prompt").write("red strawb");
        Fx.waitUntil("the completion popup", 30, () -> Fx.call(() -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof impl.org.controlsfx.skin.AutoCompletePopup<?> && w.isShowing())));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertEquals("red strawberry", Fx.call(() -> vm.settings().promptProperty().get()),
                "Enter takes the first offer instead of a new line");
        robot.write(", noto style");
        assertEquals("red strawberry, noto style", Fx.call(() -> vm.settings().promptProperty().get()));
        user(robot).assertNoError();
    }
}
