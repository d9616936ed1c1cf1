package studio.ui.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;
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
            return PngImages.read(file);
        } catch (InvalidRequestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void writePng(Path file, RgbImage image, GenerationRequest parameters) throws IOException {
        String text = parameters == null ? null : A1111Parameters.format(parameters, modelName(parameters.modelId()));
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

    /** How PNG metadata names a model: "default", or the checkpoint's file name without extension. */
    public static String modelName(String modelId) {
        if (modelId == null || modelId.equals(GenerationRequest.DEFAULT_MODEL)) {
            return GenerationRequest.DEFAULT_MODEL;
        }
        Path name = Path.of(modelId).getFileName();
        String n = name == null ? modelId : name.toString();
        return n.toLowerCase(Locale.ROOT).endsWith(".safetensors") ? n.substring(0, n.length() - ".safetensors".length()) : n;
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
