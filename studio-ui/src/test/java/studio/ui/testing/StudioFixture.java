package studio.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.Generator;
import studio.engine.io.OutputFolder;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;
import studio.ui.StudioContext;
import studio.ui.main.StudioViewModel;
import studio.ui.main.StudioWindow;

/**
 * A studio window on a real engine in temporary folders (state, outputs, models), as the app wires
 * it: results go through the engine's output folder before they are shown. {@link #real()} runs the
 * real Stable Diffusion pipeline on the default model; {@link #synthetic(long)} a generator whose
 * timing a test controls.
 */
public final class StudioFixture implements AutoCloseable {
    /** Built once per test run: creating the default model takes seconds. Used only by engine threads. */
    private static ModelRepository sharedModels;

    public final Path root;
    public final Path state;
    public final Path outputs;
    public final Path models;
    public final SyntheticGenerator synthetic;
    public final DiffusionEngine engine;
    public StudioWindow window;

    private StudioFixture(Path root, SyntheticGenerator synthetic) {
        this.root = root;
        try {
            state = Files.createDirectories(root.resolve("state"));
            outputs = Files.createDirectories(root.resolve("outputs"));
            models = Files.createDirectories(root.resolve("models"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        this.synthetic = synthetic;
        Generator generator = synthetic != null ? synthetic : new StableDiffusionGenerator(sharedModels());
        engine = new DiffusionEngine(generator, new OutputFolder(outputs));
    }

    /** The real generator on the default model. */
    public static StudioFixture real() {
        return new StudioFixture(tempRoot(), null);
    }

    /** The synthetic generator, sleeping this long per step. */
    public static StudioFixture synthetic(long sleepPerStepMillis) {
        return new StudioFixture(tempRoot(), new SyntheticGenerator(sleepPerStepMillis));
    }

    /** The synthetic generator over existing folders (a studio after another process used them). */
    public static StudioFixture synthetic(Path root, long sleepPerStepMillis) {
        return new StudioFixture(root, new SyntheticGenerator(sleepPerStepMillis));
    }

    /** A second studio over the same folders, as after a restart (a new engine on the real generator). */
    public StudioFixture restarted() {
        return new StudioFixture(root, null);
    }

    public static synchronized ModelRepository sharedModels() {
        if (sharedModels == null) {
            sharedModels = ModelRepository.defaultOnly();
        }
        return sharedModels;
    }

    private static Path tempRoot() {
        try {
            return Files.createTempDirectory("studio-ui-test");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public StudioContext context() {
        return new StudioContext(engine, models, state, outputs, "CPU (test)");
    }

    /** Builds and shows a window on the stage; call on the FX thread (TestFX @Start). */
    public StudioWindow open(Stage stage) {
        window = StudioWindow.create(stage, context()).show();
        return window;
    }

    public StudioViewModel vm() {
        return window.viewModel();
    }

    /** Closes the window (writing the session) and the engine. */
    @Override
    public void close() {
        if (window != null) {
            StudioWindow w = window;
            Fx.run(w::close);
        }
        engine.close();
    }
}
