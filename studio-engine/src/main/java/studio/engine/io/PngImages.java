package studio.engine.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.RgbImage;

/**
 * PNG files with AUTOMATIC1111's generation parameters: a text chunk with keyword
 * {@value #PARAMETERS_KEY}, readable by A1111, ComfyUI, Civitai and this studio alike.
 */
public final class PngImages {
    /** The keyword A1111 stores its infotext under. */
    public static final String PARAMETERS_KEY = "parameters";

    private PngImages() {
    }

    /**
     * Writes {@code image} as a PNG with {@code parameters} in a text chunk (none when null or
     * empty), replacing {@code path}. Written to a temporary file beside {@code path} and moved into
     * place, so a crash or a reader never sees half a file.
     */
    public static void write(RgbImage image, Path path, String parameters) throws IOException {
        Path target = path.toAbsolutePath();
        Path temp = OutputNames.tempFileBeside(target);
        try {
            Files.write(temp, encode(image, parameters));
            FileReplace.move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * As {@link #write}, but never replaces a file: writes to {@code path} when that name is free,
     * else to the first free one of {@code name-2.png}, {@code name-3.png}, ... The name is taken
     * atomically, so concurrent writers, in this process or others, each get their own.
     *
     * @return the path written
     */
    public static Path writeNew(RgbImage image, Path path, String parameters) throws IOException {
        Path target = path.toAbsolutePath();
        Path temp = OutputNames.tempFileBeside(target);
        try {
            Files.write(temp, encode(image, parameters));
            return OutputNames.publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * As {@link #writeNew(RgbImage, Path, String)}, for a numbered series: writes to the first free
     * name of {@code nameFor(first)}, {@code nameFor(first + 1)}, ... A crash at any moment leaves
     * either no file under those names or a whole one (a hidden {@code .part} file at most).
     */
    public static Path writeNew(RgbImage image, IntFunction<Path> nameFor, int first, String parameters)
            throws IOException {
        Path target = nameFor.apply(first).toAbsolutePath();
        Path temp = OutputNames.tempFileBeside(target);
        try {
            Files.write(temp, encode(image, parameters));
            return OutputNames.publish(temp, n -> nameFor.apply(n).toAbsolutePath(), first,
                    "no free file name from " + target.getFileName() + " on in " + target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] encode(RgbImage image, String parameters) throws IOException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        if (!ImageIO.write(Images.toBufferedImage(image), "png", encoded)) {
            throw new IOException("no PNG writer available in this Java runtime");
        }
        byte[] png = encoded.toByteArray();
        if (parameters != null && !parameters.isEmpty()) {
            png = PngChunks.insertBeforeImageData(png, PngChunks.textChunk(PARAMETERS_KEY, parameters));
        }
        return png;
    }

    /**
     * The pixels of an image file (any format {@link ImageLoader} reads), alpha ignored, with the
     * same size limits.
     */
    public static RgbImage read(Path path) {
        return ImageLoader.load(path);
    }

    /**
     * The A1111 "parameters" text of a PNG, from a tEXt, zTXt or iTXt chunk, without decoding pixels.
     * Empty when the PNG has none.
     *
     * @throws InvalidRequestException if the file is missing, unreadable or not a PNG
     */
    public static Optional<String> parameters(Path path) {
        RegularFiles.require(path, "a PNG file");
        try (InputStream in = Files.newInputStream(path)) {
            return PngChunks.findText(new BufferedInputStream(in), PARAMETERS_KEY);
        } catch (PngChunks.NotPngException e) {
            throw new InvalidRequestException(path.getFileName() + ": not a PNG file, so it carries no parameters");
        } catch (PngChunks.TextTooLargeException e) {
            throw new InvalidRequestException(path.getFileName() + ": " + e.getMessage()
                    + "; give the prompt and settings yourself instead of reusing this file's", e);
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException(path + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidRequestException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
