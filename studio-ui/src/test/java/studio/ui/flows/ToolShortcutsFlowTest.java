package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javafx.scene.control.Control;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import studio.ui.canvas.Tool;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;

/** Every tool names its key in its tooltip, and the key picks it (but not while typing a prompt). */
class ToolShortcutsFlowTest extends FlowTestBase {

    @Test
    void tooltipsNameTheKeysThatWork(FxRobot robot) {
        StudioDriver user = user(robot);
        Map<String, String> keys = Map.of("#toolMove", "(V)", "#toolFrame", "(F)", "#toolBrush", "(B)",
                "#toolEraser", "(E)", "#clearMask", "(Delete)", "#invertMask", "(Ctrl+I)", "#undo", "(Ctrl+Z)",
                "#redo", "(Ctrl+Shift+Z)", "#brushSize", "([ smaller, ] bigger)", "#generate", "(Ctrl+Enter)");
        keys.forEach((id, key) -> {
            String tip = Fx.call(() -> robot.lookup(id).queryAs(Control.class).getTooltip().getText());
            assertTrue(tip.endsWith(key), id + " tooltip names " + key + ": " + tip);
        });
        assertTrue(Fx.call(() -> robot.lookup("#cancel").queryAs(Control.class).getTooltip().getText()).contains("Esc"));

        robot.moveTo(user.screen(8, 8)).clickOn();
        Map<KeyCode, Tool> tools = Map.of(KeyCode.V, Tool.MOVE, KeyCode.B, Tool.BRUSH, KeyCode.E, Tool.ERASER, KeyCode.F, Tool.FRAME);
        for (Map.Entry<KeyCode, Tool> e : tools.entrySet()) {
            user.key(e.getKey());
            assertEquals(e.getValue(), Fx.call(() -> vm.canvas().toolProperty().get()), "key " + e.getKey());
        }
        user.key(KeyCode.F);
        robot.clickOn("#prompt").write("be");
        assertEquals("be", Fx.call(() -> vm.settings().promptProperty().get()));
        assertEquals(Tool.FRAME, Fx.call(() -> vm.canvas().toolProperty().get()), "typing b and e in the prompt switches no tool");
    }
}
