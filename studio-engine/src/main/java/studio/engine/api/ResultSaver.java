package studio.engine.api;

import java.io.IOException;
import java.nio.file.Path;
import studio.engine.image.RgbImage;

/** Writes a finished image somewhere durable before anyone is told about it. */
@FunctionalInterface
public interface ResultSaver {
    /** Saves the image with its parameters and returns where it went. */
    Path save(RgbImage image, GenerationRequest parameters) throws IOException;
}
