package studio.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioFixture;

/** Writes pictures of the real window to docs/screenshots for the README and for review. */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    private static final Path SHOTS = Path.of("..", "docs", "screenshots");
    private StudioFixture studio;
    private StudioWindow window;

    @Start
    void start(Stage stage) {
        studio = StudioFixture.synthetic(10);
        window = studio.open(stage);
        window.viewModel().settings().stepsProperty().set(10);
        window.viewModel().canvas().setFrameSize(512, 512);
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    @Test
    void textToImageWindow(FxRobot robot) throws IOException {
        StudioViewModel vm = window.viewModel();
        robot.clickOn("#prompt").write("a lighthouse on a cliff at dusk, oil painting");
        Fx.run(() -> window.view().canvasView().fit());
        robot.clickOn("#generate");
        Fx.waitUntil("finished", 30, () -> !vm.runningProperty().get() && vm.staging().activeProperty().get());
        Path file = shoot("window-txt2img.png");
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(1280, read.getWidth());
        assertEquals(800, read.getHeight());
    }

    private Path shoot(String name) throws IOException {
        WritableImage image = Fx.call(() -> window.scene().snapshot(null));
        Files.createDirectories(SHOTS);
        Path file = SHOTS.resolve(name);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        assertTrue(Files.size(file) > 10_000, "a real picture of the window");
        return file;
    }
}
