package studio.ui;

import java.nio.file.Path;
import java.util.Objects;
import studio.engine.api.DiffusionEngine;
import studio.ui.files.EngineImageFiles;
import studio.ui.files.ImageFiles;

/**
 * Everything the studio window needs from the application that starts it.
 *
 * @param engine        the one engine all generations go to; the window listens to it and never closes it
 * @param modelsFolder  where the model picker looks for checkpoints until the user chooses another folder
 * @param stateFolder   where the canvas, settings and history are autosaved and restored from
 * @param outputsFolder where exports are suggested (the engine's saver writes results itself)
 * @param deviceLabel   what the status bar says the engine runs on, e.g. "CPU (libtorch 2.7.1)"
 * @param imageFiles    reads and writes image files (null: the engine's PNG and image readers)
 * @param logFile       where the application writes the details (stack traces) of failures; a failure
 *                      notice names it. Null when there is none.
 */
public record StudioContext(DiffusionEngine engine, Path modelsFolder, Path stateFolder, Path outputsFolder,
                            String deviceLabel, ImageFiles imageFiles, Path logFile) {

    public StudioContext {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(stateFolder, "stateFolder");
        outputsFolder = outputsFolder == null ? stateFolder : outputsFolder;
        deviceLabel = deviceLabel == null ? "CPU" : deviceLabel;
        imageFiles = imageFiles == null ? new EngineImageFiles() : imageFiles;
    }

    /** A context with the engine's image files. */
    public StudioContext(DiffusionEngine engine, Path modelsFolder, Path stateFolder, Path outputsFolder,
                         String deviceLabel) {
        this(engine, modelsFolder, stateFolder, outputsFolder, deviceLabel, null, null);
    }

    /** This context with failures' details in {@code logFile}. */
    public StudioContext withLogFile(Path logFile) {
        return new StudioContext(engine, modelsFolder, stateFolder, outputsFolder, deviceLabel, imageFiles, logFile);
    }
}
