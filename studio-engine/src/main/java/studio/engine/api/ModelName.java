package studio.engine.api;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the studio names a model to people and in PNG metadata ("Model: v1-5-pruned-emaonly", as A1111
 * writes it): {@value GenerationRequest#DEFAULT_MODEL} for the built-in model, else the checkpoint's file
 * name without its {@code .safetensors} extension (any case), or a diffusers folder's name as it is.
 */
public final class ModelName {
    private static final String EXTENSION = ".safetensors";

    private ModelName() {
    }

    /** The name of the model with this id ("default" or a path; null reads as the default). */
    public static String of(String modelId) {
        if (modelId == null || modelId.equals(GenerationRequest.DEFAULT_MODEL)) {
            return GenerationRequest.DEFAULT_MODEL;
        }
        Path file = Path.of(modelId).getFileName();
        String name = file == null ? modelId : file.toString();
        return name.toLowerCase(Locale.ROOT).endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length())
                : name;
    }
}
