package studio.ui.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Lists "default" plus what lies directly in a models folder: single-file {@code *.safetensors}
 * checkpoints and diffusers folders (a folder with {@code model_index.json} or a {@code unet} subfolder).
 */
public final class FolderModelCatalog implements ModelCatalog {
    private final Path folder;

    public FolderModelCatalog(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public List<ModelEntry> models() {
        List<ModelEntry> out = new ArrayList<>();
        out.add(ModelEntry.DEFAULT);
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(FolderModelCatalog::isModel)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .forEach(p -> out.add(new ModelEntry(p.toAbsolutePath().toString(), p.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the models folder " + folder + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean isModel(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(p)) {
            return name.endsWith(".safetensors");
        }
        return Files.isDirectory(p)
                && (Files.isRegularFile(p.resolve("model_index.json")) || Files.isDirectory(p.resolve("unet")));
    }
}
