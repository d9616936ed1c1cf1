package studio.ui.files;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.ui.persist.AtomicFiles;

/** Plain ImageIO reading and PNG writing; does not embed parameters. */
public final class ImageIoFiles implements ImageFiles {

    @Override
    public RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file.getFileName() + " is not an image this studio can read (PNG, JPEG, BMP, GIF)");
        }
        return AwtImages.fromBuffered(image);
    }

    @Override
    public void writePng(Path file, RgbImage image, GenerationRequest parameters) throws IOException {
        BufferedImage buffered = AwtImages.toBuffered(image);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
