package studio.ui;

import javafx.application.Application;
import javafx.stage.Stage;
import studio.ui.main.StudioWindow;

/**
 * Starts the studio as a JavaFX application with a context made by the caller:
 * {@code StudioApp.launch(new StudioContext(engine, catalog, stateDir, outputsDir, "CPU"))}.
 * Blocks until the window is closed; the caller then closes its engine.
 */
public final class StudioApp extends Application {
    private static volatile StudioContext context;
    private StudioWindow window;

    /** Launches the window on the FX thread and returns when the user closes it. */
    public static void launch(StudioContext ctx) {
        context = ctx;
        Application.launch(StudioApp.class);
    }

    @Override
    public void start(Stage stage) {
        if (context == null) {
            throw new IllegalStateException("start the studio with StudioApp.launch(StudioContext)");
        }
        window = StudioWindow.create(stage, context).show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
