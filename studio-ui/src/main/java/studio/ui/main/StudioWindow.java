package studio.ui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import studio.ui.StudioContext;
import studio.ui.fx.FxEngineAdapter;
import studio.ui.settings.GenerationSettings;
import studio.ui.notices.Notice;

/**
 * The studio window on a stage: builds the view models and views, hooks the engine through the
 * adapter, and restores the autosaved session. For the app's main and for tests.
 */
public final class StudioWindow implements AutoCloseable {
    private static final String CSS = Objects.requireNonNull(StudioWindow.class.getResource("/studio/ui/studio.css"),
            "studio.css missing from the studio-ui jar").toExternalForm();

    private final Stage stage;
    private final StudioViewModel viewModel;
    private final MainView view;
    private final FxEngineAdapter adapter;
    private final Autosave autosave;
    private boolean closed;

    private StudioWindow(Stage stage, StudioContext ctx) {
        this.stage = stage;
        createQuietly(ctx.modelsFolder());
        GenerationSettings settings = new GenerationSettings(ctx.modelsFolder());
        viewModel = new StudioViewModel(ctx.engine(), settings, ctx.imageFiles(), ctx.deviceLabel());
        viewModel.generation().setLogFile(ctx.logFile());
        autosave = new Autosave(viewModel, ctx.stateFolder());
        List<String> problems = autosave.restore();
        autosave.start();
        FileActions files = new FileActions(viewModel, ctx.outputsFolder());
        view = new MainView(viewModel, files);
        adapter = new FxEngineAdapter(ctx.engine(), viewModel.generation()::onEngineEvent);
        viewModel.models().refresh();
        if (!problems.isEmpty()) {
            viewModel.notify(Notice.Kind.ERROR, "Part of the last session was lost: " + String.join("; ", problems));
        }

        applyTheme(viewModel.darkThemeProperty().get());
        viewModel.darkThemeProperty().addListener((o, a, dark) -> applyTheme(dark));
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(CSS);
        Shortcuts.install(scene, viewModel, view.canvasView(), files);
        files.setOwner(stage);
        stage.setTitle("Latent Studio");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnHidden(e -> close());
    }

    /**
     * Builds the studio on {@code stage} (not shown yet) with the session restored from the state
     * folder, and starts autosaving to it. Call on the FX thread.
     */
    public static StudioWindow create(Stage stage, StudioContext ctx) {
        return new StudioWindow(stage, ctx);
    }

    public StudioWindow show() {
        stage.show();
        return this;
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return stage.getScene();
    }

    public StudioViewModel viewModel() {
        return viewModel;
    }

    public MainView view() {
        return view;
    }

    /** True while a change of the session is not yet on disk (tests wait for it before a simulated crash). */
    public ReadOnlyBooleanProperty autosavePendingProperty() {
        return autosave.pendingProperty();
    }

    /** Stops listening to the engine and writes the session; called when the window hides. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        adapter.close();
        autosave.saveNow();
    }

    /** The app's own models folder is made on first start, so an empty one is not reported as missing. */
    private static void createQuietly(Path folder) {
        if (folder != null) {
            try {
                Files.createDirectories(folder);
            } catch (IOException | RuntimeException e) {
                // reported by the model scan, in words
            }
        }
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
