package studio.ui;

import java.nio.file.Path;
import java.util.Objects;
import studio.engine.api.DiffusionEngine;
import studio.ui.files.ImageFiles;
import studio.ui.files.ImageIoFiles;
import studio.ui.models.ModelCatalog;

/**
 * Everything the studio window needs from the application that starts it.
 *
 * @param engine        the one engine all generations go to; the window listens to it and never closes it
 * @param models        what the model picker lists
 * @param stateFolder   where the canvas, settings and history are autosaved and restored from
 * @param outputsFolder where exports are suggested (the engine's saver writes results itself)
 * @param deviceLabel   what the status bar says the engine runs on, e.g. "CPU (libtorch 2.7.1)"
 * @param imageFiles    reads and writes image files (null: plain ImageIO)
 */
public record StudioContext(DiffusionEngine engine, ModelCatalog models, Path stateFolder, Path outputsFolder,
                            String deviceLabel, ImageFiles imageFiles) {

    public StudioContext {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(stateFolder, "stateFolder");
        outputsFolder = outputsFolder == null ? stateFolder : outputsFolder;
        deviceLabel = deviceLabel == null ? "CPU" : deviceLabel;
        imageFiles = imageFiles == null ? new ImageIoFiles() : imageFiles;
    }

    /** A context with plain ImageIO files. */
    public StudioContext(DiffusionEngine engine, ModelCatalog models, Path stateFolder, Path outputsFolder,
                         String deviceLabel) {
        this(engine, models, stateFolder, outputsFolder, deviceLabel, null);
    }
}
