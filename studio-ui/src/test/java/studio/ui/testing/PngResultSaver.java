package studio.ui.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import studio.engine.api.GenerationRequest;
import studio.engine.api.ResultSaver;
import studio.engine.image.RgbImage;
import studio.ui.files.ImageIoFiles;

/** Saves results as numbered PNGs in a folder, as the app's saver does. */
public final class PngResultSaver implements ResultSaver {
    private final Path folder;
    private final AtomicInteger next = new AtomicInteger(1);

    public PngResultSaver(Path folder) {
        this.folder = folder;
    }

    @Override
    public Path save(RgbImage image, GenerationRequest parameters) throws IOException {
        Path file = folder.resolve(String.format("%05d-%d.png", next.getAndIncrement(), parameters.seed()));
        new ImageIoFiles().writePng(file, image, parameters);
        return file;
    }
}
