package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import studio.engine.api.GenerationRequest;
import studio.engine.io.PngImages;
import studio.ui.canvas.Rect;
import studio.ui.staging.Candidate;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;

/** Empty frame, a prompt, Generate: the real pipeline draws a picture that lands in the frame, the outputs and the history. */
class TextToImageFlowTest extends FlowTestBase {

    @Test
    void promptToAcceptedPicture(FxRobot robot) throws Exception {
        StudioDriver user = user(robot);
        Fx.run(() -> vm.settings().samplerProperty().set("ddim"));
        assertEquals("Text to image", user.mode());
        robot.clickOn("#prompt").write("a red fox in the snow");
        robot.clickOn("#negativePrompt").write("blurry");

        user.generateWithKeys();

        GenerationRequest sent = Fx.call(() -> vm.generation().lastRequestProperty().get());
        assertEquals(GenerationRequest.Mode.TXT2IMG, sent.mode());
        assertEquals("a red fox in the snow", sent.prompt());
        assertEquals("blurry", sent.negativePrompt());
        assertTrue(Fx.call(() -> vm.generation().previewUpdatesProperty().get()) >= 1, "a live preview was shown");
        String step = Fx.call(() -> vm.status().stepTextProperty().get());
        assertTrue(step.matches("Step (\\d+)/\\1"), "the status bar ends on the last step: " + step);

        Candidate staged = Fx.call(() -> vm.staging().currentProperty().get());
        assertNotNull(staged, "the result waits in the frame");
        assertEquals(new Rect(0, 0, 64, 64), staged.target());
        assertEquals(64, staged.image().width());
        assertTrue(Files.isRegularFile(staged.savedTo()) && staged.savedTo().startsWith(studio.outputs),
                "written to the outputs folder before it was shown: " + staged.savedTo());
        String infotext = PngImages.parameters(staged.savedTo()).orElseThrow();
        assertTrue(infotext.startsWith("a red fox in the snow\nNegative prompt: blurry\nSteps: " + STEPS + ", Sampler: DDIM"),
                infotext);
        assertEquals(1, Fx.call(() -> vm.history().entries().size()));
        assertEquals(sent.seed(), Fx.call(() -> vm.history().entries().get(0).parameters().seed()));

        robot.clickOn("#accept");
        assertEquals(staged.image(), user.canvas(), "accepting puts the result on the canvas");
        assertEquals("Image to image", user.mode(), "the next Generate works on the accepted picture");
        user.assertNoError();
    }
}
