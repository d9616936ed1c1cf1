package studio.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import studio.engine.api.DiffusionEngine;
import studio.ui.StudioContext;
import studio.ui.main.StudioWindow;
import studio.engine.io.OutputFolder;

/** A studio window on a real engine with the synthetic generator, in temporary folders. */
public final class StudioFixture implements AutoCloseable {
    public final Path root;
    public final Path state;
    public final Path outputs;
    public final SyntheticGenerator generator;
    public final DiffusionEngine engine;
    public StudioWindow window;

    public StudioFixture(long sleepPerStepMillis) {
        try {
            root = Files.createTempDirectory("studio-ui-test");
            state = Files.createDirectories(root.resolve("state"));
            outputs = Files.createDirectories(root.resolve("outputs"));
            Files.createDirectories(root.resolve("models"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        generator = new SyntheticGenerator(sleepPerStepMillis);
        engine = new DiffusionEngine(generator, new OutputFolder(outputs));
    }

    public StudioContext context() {
        return new StudioContext(engine, root.resolve("models"), state, outputs, "CPU (test)");
    }

    /** Builds and shows a window on the stage; call on the FX thread (TestFX @Start). */
    public StudioWindow open(Stage stage) {
        window = StudioWindow.create(stage, context()).show();
        return window;
    }

    @Override
    public void close() {
        engine.close();
    }
}
