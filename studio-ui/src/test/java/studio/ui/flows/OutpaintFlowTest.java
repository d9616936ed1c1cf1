package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.TestImages;

/** Drag the frame half off the picture, Generate: the empty half is filled and the canvas grows. */
class OutpaintFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void frameMovedPastTheEdgeExtendsThePicture(FxRobot robot) {
        StudioDriver user = user(robot);
        RgbImage picture = TestImages.picture(SIDE, SIDE);
        user.open(TestImages.png(dir.resolve("photo.png"), picture, null));

        robot.clickOn("#toolFrame");
        user.drag(32, 32, 64, 32);
        assertEquals(new Rect(32, 0, SIDE, SIDE), Fx.call(() -> vm.canvas().frameProperty().get()));
        assertEquals("Outpaint", user.mode());

        robot.clickOn("#prompt").write("a wide landscape");
        user.generate();
        GenerationRequest sent = Fx.call(() -> vm.generation().lastRequestProperty().get());
        assertEquals(GenerationRequest.Mode.INPAINT, sent.mode(), "outpainting runs as inpainting of the empty part");
        assertEquals(1f, sent.mask().value(SIDE - 1, 10), "the empty half is masked");
        assertEquals(0f, sent.mask().value(0, 10), "the picture away from the seam is not");

        robot.clickOn("#accept");
        RgbImage canvas = user.canvas();
        assertEquals(new Rect(0, 0, 96, SIDE), Fx.call(() -> vm.canvas().image().bounds()), "the canvas grew to the right");
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < 40; x++) {
                assertEquals(picture.argb(x, y), canvas.argb(x, y), "pixel " + x + "," + y + " away from the seam changed");
            }
            for (int x = SIDE; x < 96; x++) {
                assertEquals(0xFF, canvas.argb(x, y) >>> 24, "new pixel " + x + "," + y + " is filled");
            }
        }
        assertTrue(Fx.call(() -> vm.canvas().image().countCovered(new Rect(0, 0, 96, SIDE))) == 96L * SIDE);
        user.assertNoError();
    }
}
