package studio.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import studio.ui.main.StudioWindow;

/**
 * Starts the studio as a JavaFX application with a context made by the caller:
 * {@code StudioApp.launch(new StudioContext(engine, catalog, stateDir, outputsDir, "CPU"))}.
 * Blocks until the window is closed; the caller then closes its engine.
 */
public final class StudioApp extends Application {
    private static volatile StudioContext context;
    private static volatile Path initialFile;
    private static volatile List<String> iconUrls = List.of();
    private StudioWindow window;

    /** Launches the window on the FX thread and returns when the user closes it. */
    public static void launch(StudioContext ctx) {
        launch(ctx, null, List.of());
    }

    /**
     * Launches the window as the desktop does: with the image the user opened the studio on (null for
     * none) and the window icons (URLs of PNGs in several sizes; the platform picks one).
     */
    public static void launch(StudioContext ctx, Path file, List<String> icons) {
        context = ctx;
        initialFile = file;
        iconUrls = List.copyOf(icons);
        Application.launch(StudioApp.class);
    }

    @Override
    public void start(Stage stage) {
        if (context == null) {
            throw new IllegalStateException("start the studio with StudioApp.launch(StudioContext)");
        }
        window = open(stage, context, initialFile, iconUrls);
    }

    /**
     * Builds and shows the window on {@code stage}, then opens {@code file} on the canvas (in the
     * background; a file that cannot be read becomes a notice in the window). Call on the FX thread.
     */
    public static StudioWindow open(Stage stage, StudioContext ctx, Path file, List<String> icons) {
        StudioWindow opened = StudioWindow.create(stage, ctx);
        icons.forEach(url -> stage.getIcons().add(new Image(url)));
        opened.show();
        if (file != null) {
            opened.viewModel().openImage(file);
        }
        return opened;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
