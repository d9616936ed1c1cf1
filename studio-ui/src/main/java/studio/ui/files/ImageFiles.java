package studio.ui.files;

import java.io.IOException;
import java.nio.file.Path;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;

/**
 * Reading and writing image files, behind one seam so the engine's PNG helpers (with the
 * AUTOMATIC1111 "parameters" chunk) can replace the plain implementation without touching views.
 */
public interface ImageFiles {
    /** Reads a PNG, JPEG, BMP or GIF; transparent pixels keep their alpha. */
    RgbImage read(Path file) throws IOException;

    /**
     * Writes a PNG, keeping alpha, replacing the file atomically.
     *
     * @param parameters what made the image, to embed as metadata where supported; null for none
     */
    void writePng(Path file, RgbImage image, GenerationRequest parameters) throws IOException;
}
