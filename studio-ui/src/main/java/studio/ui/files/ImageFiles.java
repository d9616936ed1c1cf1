package studio.ui.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.engine.io.ParsedParameters;

/**
 * Reading and writing image files, behind one seam so views and view models never touch a codec.
 * Messages of the exceptions are meant for the user (what, which file, what to do).
 */
public interface ImageFiles {
    /**
     * Reads a PNG, JPEG, BMP, GIF or TIFF, refusing images too large to work on. Fully transparent
     * pixels stay transparent (empty canvas, which outpainting fills); partly transparent ones are
     * laid on white and become opaque, so every pixel is either picture or empty.
     */
    RgbImage read(Path file) throws IOException;

    /**
     * Writes a PNG, replacing the file atomically.
     *
     * @param parameters what made the image, embedded as AUTOMATIC1111's "parameters" chunk; null for none
     */
    void writePng(Path file, RgbImage image, GenerationRequest parameters) throws IOException;

    /** The generation parameters a PNG carries (from this studio or another tool); empty when none. */
    Optional<ParsedParameters> readParameters(Path file) throws IOException;
}
