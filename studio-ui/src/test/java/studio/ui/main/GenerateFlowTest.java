package studio.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.engine.api.GenerationRequest;
import studio.ui.fx.FxImages;
import studio.ui.staging.Candidate;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioFixture;
import studio.ui.testing.SyntheticGenerator;

/** What a person does first: type a prompt, press Generate, watch it draw, get the image. */
@ExtendWith(ApplicationExtension.class)
class GenerateFlowTest {
    private StudioFixture studio;
    private StudioViewModel vm;

    @Start
    void start(Stage stage) {
        studio = StudioFixture.synthetic(40);
        vm = studio.open(stage).viewModel();
        vm.settings().stepsProperty().set(12);
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    @Test
    void typedPromptGeneratesWithLivePreviewsAndLandsInStagingAndHistory(FxRobot robot) {
        robot.clickOn("#prompt").write("a red fox");
        assertEquals("Text to image", robot.lookup("#modeLabel").queryAs(Label.class).getText());

        robot.clickOn("#generate");
        Fx.waitUntil("generation finished", 20, () -> !vm.generation().runningProperty().get() && vm.generation().lastRequestProperty().get() != null);

        GenerationRequest sent = Fx.call(() -> vm.generation().lastRequestProperty().get());
        assertEquals("a red fox", sent.prompt());
        assertEquals(GenerationRequest.Mode.TXT2IMG, sent.mode());
        int previews = Fx.call(() -> vm.generation().previewUpdatesProperty().get());
        assertTrue(previews >= 2, "expected at least 2 live previews, got " + previews);

        Candidate shown = Fx.call(() -> vm.staging().currentProperty().get());
        assertNotNull(shown, "the result is staged in the frame");
        assertEquals(SyntheticGenerator.expected(sent), shown.image());
        assertTrue(Files.isRegularFile(shown.savedTo()), "saved before it was shown: " + shown.savedTo());
        assertEquals(1, Fx.call(() -> vm.history().entries().size()));
        assertEquals(sent.seed(), Fx.call(() -> vm.history().entries().get(0).parameters().seed()));

        ImageView candidateView = robot.lookup("#candidate").queryAs(ImageView.class);
        assertTrue(Fx.call(candidateView::isVisible), "the final image is drawn in the frame");
        assertEquals(shown.image(), Fx.call(() -> FxImages.fromFx(candidateView.getImage())));
        assertNull(Fx.call(() -> vm.generation().previewProperty().get()), "the preview is gone once the result is in");
        assertTrue(Fx.call(() -> vm.status().messageProperty().get()).startsWith("1 image in"));
        assertEquals("Step 12/12", Fx.call(() -> vm.status().stepTextProperty().get()));
    }

    @Test
    void escapeCancelsARunningGeneration(FxRobot robot) {
        Fx.run(() -> vm.settings().stepsProperty().set(200));
        robot.clickOn("#prompt").write("slow");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        Fx.waitUntil("first preview", 10, () -> vm.generation().previewUpdatesProperty().get() >= 1);
        assertTrue(Fx.call(() -> vm.generation().runningProperty().get()));
        assertTrue(robot.lookup("#generate").queryAs(Button.class).isDisabled(), "Generate is disabled while running");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        Fx.waitUntil("cancelled", 10, () -> !vm.generation().runningProperty().get());
        assertEquals("Cancelled", Fx.call(() -> vm.status().messageProperty().get()));
        assertFalse(Fx.call(() -> vm.staging().activeProperty().get()), "a cancelled run stages nothing");
        assertEquals(0, Fx.call(() -> vm.history().entries().size()));
        assertFalse(robot.lookup("#generate").queryAs(Button.class).isDisabled());
    }
}
