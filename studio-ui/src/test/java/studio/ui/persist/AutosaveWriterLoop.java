package studio.ui.persist;

import java.nio.file.Path;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;

/**
 * The autosave's writer in its own process, for {@link KilledWhileAutosavingTest}: saves the canvas
 * again and again, each save a 768×768 picture filled with the save's number, and prints that number
 * once the save is complete. Waits to be killed.
 * Arguments: the state folder.
 */
public final class AutosaveWriterLoop {
    static final int SIDE = 768;

    private AutosaveWriterLoop() {
    }

    public static void main(String[] args) throws Exception {
        SessionFiles files = new SessionFiles(Path.of(args[0]));
        for (int n = 1; n < 1_000_000; n++) {
            files.writeCanvas(n, state(n));
            System.out.println(n);
            System.out.flush();
        }
    }

    static CanvasState state(int n) {
        float[] mask = new float[SIDE * SIDE];
        java.util.Arrays.fill(mask, (n % 97) / 96f);
        return new CanvasState(RgbImage.filled(SIDE, SIDE, 0xff000000 | n), 0, 0, new GrayImage(SIDE, SIDE, mask),
                new Rect(n % 50, 0, 64, 64));
    }
}
