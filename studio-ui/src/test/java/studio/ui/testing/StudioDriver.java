package studio.ui.testing;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import studio.engine.image.RgbImage;
import studio.ui.canvas.CanvasView;
import studio.ui.canvas.Viewport;
import studio.ui.main.StudioViewModel;
import studio.ui.notices.Notice;

/** What a person does in the studio window, as test steps: click, type, drag on the canvas, wait. */
public final class StudioDriver {
    /**
     * Generous: the test machine is shared with training jobs and a step can take seconds;
     * {@code -Dstudio.test.generationTimeout=SECONDS} raises it further.
     */
    public static final long GENERATION_TIMEOUT_S = Long.getLong("studio.test.generationTimeout", 300);

    private final FxRobot robot;
    private final StudioFixture studio;

    public StudioDriver(FxRobot robot, StudioFixture studio) {
        this.robot = robot;
        this.studio = studio;
    }

    public StudioViewModel vm() {
        return studio.vm();
    }

    /** Clicks Generate and waits for the job to end; fails if the engine reported an error. */
    public void generate() {
        long before = noticeSerial();
        robot.clickOn("#generate");
        waitForGeneration(before);
    }

    /** Presses Ctrl+Enter and waits for the job to end. */
    public void generateWithKeys() {
        long before = noticeSerial();
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitForGeneration(before);
    }

    private void waitForGeneration(long noticeBefore) {
        long start = System.nanoTime();
        Fx.waitUntil("the generation to finish", GENERATION_TIMEOUT_S, () -> !vm().generation().runningProperty().get());
        System.out.printf("generation: %s (waited %.1f s)%n", Fx.call(() -> vm().status().messageProperty().get()),
                (System.nanoTime() - start) / 1e9);
        Notice n = Fx.call(() -> vm().notices().noticeProperty().get());
        if (n != null && n.serial() > noticeBefore && n.kind() == Notice.Kind.ERROR) {
            throw new AssertionError("the generation failed: " + n.text());
        }
    }

    private long noticeSerial() {
        Notice n = Fx.call(() -> vm().notices().noticeProperty().get());
        return n == null ? 0 : n.serial();
    }

    /** Opens an image file as the user would (the dialog's and the drop's command) and waits for it on the canvas. */
    public void open(Path file) {
        int before = Fx.call(() -> vm().canvas().imageRevisionProperty().get());
        Fx.run(() -> vm().openImage(file));
        Fx.waitUntil("the image on the canvas", 30, () -> vm().canvas().imageRevisionProperty().get() > before);
        Fx.run(() -> studio.window.view().canvasView().fit());
    }

    /** The mode label next to Generate. */
    public String mode() {
        return Fx.call(() -> robot.lookup("#modeLabel").queryAs(Label.class).getText());
    }

    /** Where canvas point (x, y) is on the screen. */
    public Point2D screen(double x, double y) {
        return Fx.call(() -> {
            CanvasView view = studio.window.view().canvasView();
            Viewport v = vm().canvas().viewport();
            return view.surface().localToScreen(v.toScreenX(x), v.toScreenY(y));
        });
    }

    /** A left-drag on the canvas from one canvas point to another, in small moves like a hand. */
    public void drag(double x0, double y0, double x1, double y1) {
        robot.moveTo(screen(x0, y0));
        robot.press(MouseButton.PRIMARY);
        for (int i = 1; i <= 8; i++) {
            double t = i / 8.0;
            robot.moveTo(screen(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
        }
        robot.release(MouseButton.PRIMARY);
    }

    public void key(KeyCode... keys) {
        robot.press(keys).release(reverse(keys));
    }

    private static KeyCode[] reverse(KeyCode[] keys) {
        KeyCode[] r = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            r[i] = keys[keys.length - 1 - i];
        }
        return r;
    }

    /** The canvas picture now. */
    public RgbImage canvas() {
        return Fx.call(() -> vm().canvas().image().toImage());
    }

    /** Waits until the autosave has written every change (before a simulated crash). */
    public void waitAutosaved() {
        Fx.waitUntil("the autosave", 30, () -> !studio.window.autosavePendingProperty().get());
    }

    public void assertNoError() {
        Notice n = Fx.call(() -> vm().notices().noticeProperty().get());
        assertNull(n != null && n.kind() == Notice.Kind.ERROR ? n.text() : null, "an error was shown");
    }
}
