package studio.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.ui.flows.ControlNetFiles;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.StudioFixture;
import studio.ui.testing.TestImages;

/**
 * Pictures of the real window, on the real generator and the default model, in each of the four
 * flows, written to docs/screenshots for the README and for review. Slower than the other tests
 * (20 steps a picture), so it runs on request:
 * {@code mvn -pl studio-ui -am test -Dtest=ScreenshotTest -Dstudio.screenshots=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "studio.screenshots", matches = "true")
class ScreenshotTest {
    private static final Path SHOTS = Path.of("..", "docs", "screenshots");
    private static final int SIDE = 64; // the built-in model's training size

    @TempDir
    Path dir;
    private StudioFixture studio;
    private StudioViewModel vm;
    private StudioDriver user;

    @BeforeEach
    void open(FxRobot robot) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        studio = StudioFixture.real();
        Fx.run(() -> {
            vm = studio.open(stage).viewModel();
            vm.settings().stepsProperty().set(20);
            vm.settings().samplerProperty().set("ddim");
            vm.settings().seedLockedProperty().set(true);
            vm.settings().seedProperty().set(20261122);
            vm.canvas().setFrameSize(SIDE, SIDE);
        });
        Fx.waitUntil("the model list", 30, () -> !vm.models().scanningProperty().get());
        user = new StudioDriver(robot, studio);
    }

    @AfterEach
    void close() {
        studio.close();
    }

    @Test
    void textToImage(FxRobot robot) throws IOException {
        robot.clickOn("#prompt").write("cat face, fluent style");
        robot.clickOn("#negativePrompt").write("blurry, text");
        Fx.run(() -> studio.window.view().canvasView().fit());
        user.generate();
        shoot("window-txt2img.png");
    }

    @Test
    void imageToImage(FxRobot robot) throws IOException {
        user.open(TestImages.png(dir.resolve("landscape.png"), TestImages.landscape(SIDE, SIDE), null));
        Fx.run(() -> vm.settings().strengthProperty().set(0.45));
        robot.clickOn("#prompt").write("yellow star, fluent style");
        user.generate();
        Fx.waitUntil("the history entry", 30, () -> !vm.history().entries().isEmpty()
                && robot.lookup("#historyList .list-cell").tryQuery().isPresent());
        robot.clickOn("#historyList .list-cell");
        shoot("window-img2img.png");
    }

    @Test
    void inpaintWithMask(FxRobot robot) throws IOException {
        user.open(TestImages.png(dir.resolve("landscape.png"), TestImages.landscape(SIDE, SIDE), null));
        robot.clickOn("#toolBrush");
        Fx.run(() -> vm.canvas().brushSizeProperty().set(14));
        user.drag(13, 50, 50, 50);
        user.drag(50, 50, 50, 36);
        robot.clickOn("#prompt").write("red heart, twemoji style");
        assertEquals("Inpaint", user.mode());
        shoot("window-inpaint-mask.png");
        user.generate();
        robot.clickOn("#accept");
        shoot("window-inpaint.png");
    }

    @Test
    void outpaintPastTheEdge(FxRobot robot) throws IOException {
        user.open(TestImages.png(dir.resolve("landscape.png"), TestImages.landscape(SIDE, SIDE), null));
        robot.clickOn("#toolFrame");
        user.drag(32, 32, 64, 32);
        Fx.run(() -> studio.window.view().canvasView().fit());
        robot.clickOn("#prompt").write("green heart, noto style");
        assertEquals("Outpaint", user.mode());
        shoot("window-outpaint-frame.png");
        user.generate();
        shoot("window-outpaint.png");
    }

    @Test
    void liveMode(FxRobot robot) throws IOException {
        user.open(TestImages.png(dir.resolve("landscape.png"), TestImages.landscape(SIDE, SIDE), null));
        Fx.run(() -> studio.window.view().canvasView().fit());
        robot.clickOn("#prompt").write("yellow star, fluent style");
        robot.clickOn("#live");
        awaitLiveResult(null);
        shoot("window-live-1-on.png");
        var first = Fx.call(() -> vm.generation().liveResultProperty().get());
        robot.clickOn("#toolBrush");
        Fx.run(() -> vm.canvas().brushSizeProperty().set(14));
        user.drag(13, 50, 50, 50);
        awaitLiveResult(first);
        shoot("window-live-2-stroke.png");
        robot.clickOn("#keepLive");
        awaitLiveResult(null);
        shoot("window-live-3-kept.png");
    }

    private void awaitLiveResult(Object after) {
        Fx.waitUntil("a live result", StudioDriver.GENERATION_TIMEOUT_S, () -> vm.generation().liveResultProperty().get() != null
                && vm.generation().liveResultProperty().get() != after && !vm.generation().liveRunningProperty().get());
    }

    /**
     * A scribble on the ControlNet layer with its hint shown, then the result. No ControlNet is trained
     * for the built-in model (and none can be fetched), so this one has random weights: the pictures
     * show the mechanics (the layer, the hint, the steered run), not what a trained ControlNet draws.
     */
    @Test
    void controlNetScribble(FxRobot robot) throws IOException {
        Path cn = ControlNetFiles.randomForDefaultModel(dir.resolve("random-controlnet.safetensors"));
        Fx.run(() -> {
            vm.control().modelProperty().set(cn);
            vm.control().enabledProperty().set(true);
            vm.control().weightProperty().set(0.6);
            vm.canvas().brushSizeProperty().set(3);
        });
        robot.clickOn("#prompt").write("house, fluent style");
        robot.clickOn("#toolScribble");
        user.drag(16, 56, 16, 30); // a house: walls, floor, roof
        user.drag(48, 56, 48, 30);
        user.drag(16, 56, 48, 56);
        user.drag(12, 32, 32, 10);
        user.drag(32, 10, 52, 32);
        Fx.run(() -> {
            vm.control().showHintProperty().set(true);
            studio.window.view().canvasView().fit();
        });
        // the ControlNet section is at the end of the settings panel
        Fx.run(() -> robot.lookup("#settingsPanel").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        shoot("window-controlnet-scribble.png");
        user.generate();
        Fx.run(() -> vm.control().showHintProperty().set(false));
        shoot("window-controlnet-result.png");
    }

    private void shoot(String name) throws IOException {
        robot().sleep(300); // let the last layout and the notification slide settle
        WritableImage image = Fx.call(() -> studio.window.scene().snapshot(null));
        Files.createDirectories(SHOTS);
        Path file = SHOTS.resolve(name);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(1280, read.getWidth());
        assertEquals(800, read.getHeight());
        assertTrue(Files.size(file) > 10_000, "a real picture of the window");
    }

    private static FxRobot robot() {
        return new FxRobot();
    }
}
