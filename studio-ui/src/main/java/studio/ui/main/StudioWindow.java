package studio.ui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import studio.ui.StudioContext;
import studio.ui.fx.FxEngineAdapter;
import studio.ui.settings.GenerationSettings;

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
    private boolean closed;

    private StudioWindow(Stage stage, StudioContext ctx) {
        this.stage = stage;
        GenerationSettings settings = new GenerationSettings(ctx.models());
        viewModel = new StudioViewModel(ctx.engine(), settings, ctx.imageFiles(), ctx.deviceLabel());
        FileActions files = new FileActions(viewModel, ctx.outputsFolder());
        view = new MainView(viewModel, files);
        adapter = new FxEngineAdapter(ctx.engine(), viewModel::onEngineEvent);

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
     * folder. Call on the FX thread.
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

    /** Stops listening to the engine and writes the session; called when the window hides. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        adapter.close();
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
