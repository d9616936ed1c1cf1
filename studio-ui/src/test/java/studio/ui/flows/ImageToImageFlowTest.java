package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.TestImages;

/** Open a picture, frame over it, no mask: Generate redraws it from the picture. */
class ImageToImageFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void openedFileIsRedrawn(FxRobot robot) {
        StudioDriver user = user(robot);
        RgbImage picture = TestImages.picture(SIDE, SIDE);
        user.open(TestImages.png(dir.resolve("photo.png"), picture, null));
        assertEquals(picture, user.canvas());
        assertEquals("Image to image", user.mode());
        assertNull(Fx.call(() -> vm.notices().parametersOfferProperty().get()), "a PNG without parameters offers nothing");

        Fx.run(() -> vm.settings().strengthProperty().set(0.6));
        robot.clickOn("#prompt").write("an oil painting");
        user.generate();

        GenerationRequest sent = Fx.call(() -> vm.generation().lastRequestProperty().get());
        assertEquals(GenerationRequest.Mode.IMG2IMG, sent.mode());
        assertEquals(picture, sent.initImage(), "the picture under the frame is the init image");
        assertEquals(0.6, sent.strength());

        robot.clickOn("#accept");
        RgbImage redrawn = user.canvas();
        assertEquals(SIDE, redrawn.width());
        assertNotEquals(picture, redrawn, "strength 0.6 changes the picture");

        robot.clickOn("#undo");
        assertEquals(picture, user.canvas(), "undo takes the accepted result back");
        user.assertNoError();
    }
}
