package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.engine.api.GenerationRequest;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Tool;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.TestImages;

/** Paint a mask with the brush, Generate: only the masked area is redrawn; every other pixel stays. */
class InpaintFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void paintedMaskIsRepaintedAndTheRestStaysExactly(FxRobot robot) {
        StudioDriver user = user(robot);
        RgbImage picture = TestImages.picture(SIDE, SIDE);
        user.open(TestImages.png(dir.resolve("photo.png"), picture, null));

        robot.clickOn("#toolBrush");
        assertEquals(Tool.BRUSH, Fx.call(() -> vm.canvas().toolProperty().get()));
        for (int i = 0; i < 3; i++) {
            user.key(KeyCode.OPEN_BRACKET);
        }
        assertEquals(17, Fx.call(() -> vm.canvas().brushSizeProperty().get()), "[ makes the brush smaller: 32, 26, 21, 17");
        user.key(KeyCode.CLOSE_BRACKET);
        assertEquals(21, Fx.call(() -> vm.canvas().brushSizeProperty().get()), "] makes it bigger");
        user.key(KeyCode.OPEN_BRACKET);
        assertEquals("Image to image", user.mode());
        user.drag(20, 20, 44, 20);
        assertEquals("Inpaint", user.mode(), "a painted mask inside the frame means inpaint");

        robot.clickOn("#prompt").write("a yellow flower");
        user.generate();

        GenerationRequest sent = Fx.call(() -> vm.generation().lastRequestProperty().get());
        assertEquals(GenerationRequest.Mode.INPAINT, sent.mode());
        GrayImage mask = sent.mask();
        assertTrue(mask.value(32, 20) == 1f && mask.value(32, 50) == 0f, "the stroke is the mask");

        robot.clickOn("#accept");
        RgbImage result = user.canvas();
        int reach = (int) Math.ceil(sent.maskBlur() / 2.0 * 3) + 1; // the feather's kernel radius, plus one
        int kept = 0;
        int changedInside = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if (!near(mask, x, y, reach)) {
                    assertEquals(picture.argb(x, y), result.argb(x, y), "pixel " + x + "," + y + " outside the mask changed");
                    kept++;
                } else if (mask.value(x, y) == 1f && picture.argb(x, y) != result.argb(x, y)) {
                    changedInside++;
                }
            }
        }
        assertTrue(kept > SIDE * SIDE / 3, "most of the picture lies outside the mask: " + kept);
        assertTrue(changedInside > 100, "the masked area was repainted: " + changedInside + " pixels changed");
        user.assertNoError();
    }

    private static boolean near(GrayImage mask, int x, int y, int r) {
        for (int yy = Math.max(0, y - r); yy <= Math.min(mask.height() - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(mask.width() - 1, x + r); xx++) {
                if (mask.value(xx, yy) > 0f) {
                    return true;
                }
            }
        }
        return false;
    }
}
