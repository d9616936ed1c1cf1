package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.TestImages;

/**
 * Live mode in the real window on the built-in model: switched on, the frame repaints by itself;
 * a brush stroke repaints it again as an inpainting with the same seed; K keeps the result, which
 * goes onto the canvas and into the history; nothing reaches the history until then.
 */
class LiveModeFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void paintSeeTheFrameRepaintKeepAResult(FxRobot robot) {
        StudioDriver user = user(robot);
        RgbImage picture = TestImages.picture(SIDE, SIDE);
        user.open(TestImages.png(dir.resolve("photo.png"), picture, null));
        robot.clickOn("#prompt").write("a yellow flower");
        Fx.run(() -> vm.settings().seedLockedProperty().set(false));

        robot.clickOn("#live");
        EngineEvent.Result first = waitForLiveResult(null);
        assertEquals(GenerationRequest.Mode.IMG2IMG, first.parameters().mode(), "the frame over the picture: image to image");
        assertEquals(0, Fx.call(() -> vm.history().entries().size()), "a live result is not history until kept");
        assertNotNull(Fx.call(() -> vm.generation().previewProperty().get()), "the result is shown in the frame");

        robot.clickOn("#toolBrush");
        user.drag(20, 20, 44, 20);
        EngineEvent.Result painted = waitForLiveResult(first);
        assertEquals(GenerationRequest.Mode.INPAINT, painted.parameters().mode(), "the stroke made it an inpainting");
        assertEquals(first.parameters().seed(), painted.parameters().seed(), "the seed stays while live, even unlocked");
        assertTrue(painted.parameters().steps() <= 8);

        user.key(KeyCode.K);
        assertEquals(1, Fx.call(() -> vm.history().entries().size()), "kept: in the history");
        assertEquals(painted.image(), user.canvas(), "kept: on the canvas");
        assertNull(Fx.call(() -> vm.generation().previewProperty().get()));

        robot.clickOn("#live");
        Fx.waitUntil("live off", 30, () -> !vm.generation().liveRunningProperty().get());
        assertNull(Fx.call(() -> vm.generation().liveResultProperty().get()));
        assertNotEquals(picture, user.canvas());
        user.assertNoError();
    }

    private EngineEvent.Result waitForLiveResult(EngineEvent.Result after) {
        Fx.waitUntil("a live result", StudioDriver.GENERATION_TIMEOUT_S, () -> {
            EngineEvent.Result r = vm.generation().liveResultProperty().get();
            return r != null && r != after && !vm.generation().liveRunningProperty().get();
        });
        return Fx.call(() -> vm.generation().liveResultProperty().get());
    }
}
