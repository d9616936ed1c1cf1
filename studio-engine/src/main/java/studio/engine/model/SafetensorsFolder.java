package studio.engine.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import studio.engine.api.InvalidRequestException;

/**
 * The {@code .safetensors} files at the top level of a user's folder of adapters (LoRAs, embeddings),
 * each named by its stem, as AUTOMATIC1111's {@code models/Lora} and {@code embeddings} folders are.
 */
public final class SafetensorsFolder {
    private SafetensorsFolder() {
    }

    /**
     * The files, sorted by name; empty when the folder does not exist.
     *
     * @param what the folder's name in a message, e.g. "LoRA folder"
     */
    public static List<Path> files(Path dir, String what) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidRequestException("cannot list the " + what + " " + dir + ": " + e.getMessage());
        }
    }
}
