package studio.engine.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * Loads user images (init images, masks) with clear refusals. The size is read from the file's
 * header and checked against {@link GenerationRequest#MAX_SIDE} and {@link GenerationRequest#MAX_PIXELS}
 * before any pixel is decoded, so a 50 000 x 50 000 PNG is refused in milliseconds instead of
 * exhausting memory.
 */
public final class ImageLoader {
    static final String FORMATS = "PNG, JPEG, BMP, GIF, TIFF or WBMP";

    private ImageLoader() {
    }

    /** The image's colours; alpha is ignored. */
    public static RgbImage load(Path path) {
        return Images.toRgbImage(decode(path));
    }

    /**
     * The image's colours and alpha, for an editor that treats transparent pixels as empty canvas.
     * (Engine inputs use {@link #load}: alpha dropped, as diffusers' RGB conversion does.)
     */
    public static RgbImage loadWithAlpha(Path path) {
        return Images.toArgbImage(decode(path));
    }

    /**
     * A mask: luminance (white = 1 = repaint, black = 0 = keep) times alpha when the image has one,
     * so a white brush on a transparent layer works as a mask.
     */
    public static GrayImage loadMask(Path path) {
        return Images.toGrayImage(decode(path));
    }

    /** Decodes the first image in the file after checking that it exists, is an image and is not too large. */
    static BufferedImage decode(Path path) {
        String name = String.valueOf(path.getFileName());
        checkFile(path, name);
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new InvalidRequestException(name + ": cannot be opened for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidRequestException(name + ": not an image in a supported format; use " + FORMATS
                        + " (WebP and AVIF need converting first)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw corrupt(name, reader, e);
                }
                checkLimits(name, width, height);
                try {
                    return reader.read(0);
                } catch (IOException | RuntimeException e) {
                    // ImageIO reports damaged data as IIOException but also as assorted runtime exceptions.
                    throw corrupt(name, reader, e);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidRequestException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void checkFile(Path path, String name) {
        if (!Files.exists(path)) {
            throw new InvalidRequestException(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidRequestException(path + ": is a folder, not an image");
        }
        RegularFiles.require(path, "an image file");
        if (!Files.isReadable(path)) {
            throw new InvalidRequestException(path + ": not readable; check its permissions");
        }
        try {
            if (Files.size(path) == 0) {
                throw new InvalidRequestException(name + ": the file is empty");
            }
        } catch (IOException e) {
            throw new InvalidRequestException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void checkLimits(String name, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new InvalidRequestException(name + ": the image claims a size of " + width + "x" + height
                    + "; the file is corrupt");
        }
        if (width > GenerationRequest.MAX_SIDE || height > GenerationRequest.MAX_SIDE
                || (long) width * height > GenerationRequest.MAX_PIXELS) {
            throw new InvalidRequestException(name + " is " + width + "x" + height + " pixels; the largest accepted is "
                    + GenerationRequest.MAX_SIDE + " pixels a side and 16 MP in all; scale it down first");
        }
    }

    private static InvalidRequestException corrupt(String name, ImageReader reader, Exception e) {
        String format;
        try {
            format = reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException ignored) {
            format = "image";
        }
        // The decoder's own words help only when it wrote some (IIOException); a runtime exception's
        // message ("Index 5 out of bounds") and any class name mean nothing to the user.
        String detail = e instanceof IOException && e.getMessage() != null && !e.getMessage().isBlank()
                ? " (the decoder says: " + e.getMessage().strip().replaceAll("\\s+", " ") + ")" : "";
        return new InvalidRequestException(name + ": the " + format + " data is corrupt or truncated" + detail
                + "; open it in an image editor and save it again", e);
    }
}
