package studio.ui.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.ModelName;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;
import studio.engine.io.ImageLoader;
import studio.engine.io.ParsedParameters;
import studio.engine.io.PngImages;

/**
 * Image files through the engine's own readers and writers, so the studio, the CLI and the output
 * folder agree on limits, messages and the AUTOMATIC1111 "parameters" chunk.
 */
public final class EngineImageFiles implements ImageFiles {

    @Override
    public RgbImage read(Path file) throws IOException {
        try {
            return pictureOrEmpty(ImageLoader.loadWithAlpha(file));
        } catch (InvalidRequestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The canvas knows two kinds of pixel, picture and empty; a soft edge (an anti-aliased sticker,
     * an emoji) is laid on white.
     */
    static RgbImage pictureOrEmpty(RgbImage image) {
        if (image.isOpaque()) {
            return image;
        }
        int[] px = image.pixels();
        for (int i = 0; i < px.length; i++) {
            int a = px[i] >>> 24;
            if (a == 0) {
                px[i] = 0;
            } else if (a < 255) {
                int r = over(px[i] >> 16 & 0xFF, a);
                int g = over(px[i] >> 8 & 0xFF, a);
                int b = over(px[i] & 0xFF, a);
                px[i] = 0xFF00_0000 | r << 16 | g << 8 | b;
            }
        }
        return new RgbImage(image.width(), image.height(), px);
    }

    private static int over(int channel, int alpha) {
        return Math.round((channel * alpha + 255f * (255 - alpha)) / 255f);
    }

    @Override
    public void writePng(Path file, RgbImage image, GenerationRequest parameters) throws IOException {
        String text = parameters == null ? null : A1111Parameters.format(parameters, ModelName.of(parameters.modelId()));
        try {
            PngImages.write(image, file, text);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + reason(e) + "; check that the folder exists and is writable", e);
        }
    }

    @Override
    public Optional<ParsedParameters> readParameters(Path file) throws IOException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            return Optional.empty();
        }
        try {
            return PngImages.parameters(file).map(A1111Parameters::parse);
        } catch (InvalidRequestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the folder does not exist";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
