package studio.ui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import studio.engine.api.DiffusionEngine;
import studio.engine.io.OutputFolder;
import studio.ui.StudioContext;
import studio.ui.main.StudioViewModel;
import studio.ui.main.StudioWindow;

/**
 * A studio in its own process for the crash test: opens a picture, generates and accepts a result,
 * paints a mask, moves the frame, types a prompt, waits until the autosave has it all, prints
 * {@code READY <canvas hash> <mask hash> <frame>} and then waits to be killed.
 * Arguments: the root folder (state, outputs, models beneath it).
 */
public final class CrashingStudio {
    private CrashingStudio() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Platform.startup(() -> { });
        DiffusionEngine engine = new DiffusionEngine(new SyntheticGenerator(0),
                new OutputFolder(Files.createDirectories(root.resolve("outputs"))));
        StudioContext ctx = new StudioContext(engine, root.resolve("models"),
                Files.createDirectories(root.resolve("state")), root.resolve("outputs"), "CPU (crash test)");
        StudioWindow window = fx(() -> StudioWindow.create(new Stage(), ctx).show());
        StudioViewModel vm = window.viewModel();
        fx(() -> {
            vm.openImage(TestImages.picture(64, 64));
            vm.settings().promptProperty().set("typed just before the crash");
            vm.generation().generate();
            return null;
        });
        waitFor(() -> vm.staging().activeProperty().get());
        fx(() -> {
            vm.staging().accept();
            vm.canvas().beginStroke(20, 20, false);
            vm.canvas().strokeTo(40, 30);
            vm.canvas().endStroke();
            vm.canvas().moveFrameTo(24, 16);
            // the autosave marks itself pending synchronously, in the listeners of these very edits
            if (!window.autosavePendingProperty().get()) {
                throw new IllegalStateException("the edits did not mark the session as pending a save");
            }
            return null;
        });
        waitFor(() -> !window.autosavePendingProperty().get());
        String facts = fx(() -> Arrays.hashCode(vm.canvas().image().toImage().pixels()) + " "
                + Arrays.hashCode(vm.canvas().mask().toImage().values()) + " " + vm.canvas().frameProperty().get());
        System.out.println("READY " + facts);
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // killed long before
        System.exit(3);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!fx(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }
}
