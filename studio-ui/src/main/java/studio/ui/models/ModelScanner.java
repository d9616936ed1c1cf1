package studio.ui.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.ModelName;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.DiffusersFolder;
import studio.engine.model.ModelSpec;
import studio.engine.model.TensorSource;

/**
 * Finds and checks models without loading them: a checkpoint's header (names, shapes, metadata) is
 * enough to tell its family, so a bad file is refused before the engine spends minutes on it.
 * Reads files: call off the FX thread.
 */
public final class ModelScanner {
    private ModelScanner() {
    }

    /** What a scan found: the default first, then the folder's models, then the added ones. */
    public record Scan(List<ModelEntry> models, List<String> problems) {
    }

    /**
     * The default model, every usable model directly in {@code folder} ({@code *.safetensors} files and
     * diffusers folders) and the {@code added} models that live elsewhere. Files that are not usable are
     * left out and named in {@link Scan#problems()}.
     */
    public static Scan scan(Path folder, List<String> added) {
        List<ModelEntry> models = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        models.add(ModelEntry.DEFAULT);
        Set<Path> seen = new LinkedHashSet<>();
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> children = Files.list(folder)) {
                children.filter(ModelScanner::looksLikeModel)
                        .sorted(Comparator.comparing(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)))
                        .forEach(seen::add);
            } catch (IOException e) {
                problems.add("could not list the models folder " + folder + ": " + e.getMessage());
            }
        } else if (folder != null) {
            problems.add("the models folder " + folder + " does not exist; choose another one or create it");
        }
        for (String id : added) {
            seen.add(Path.of(id));
        }
        for (Path p : seen) {
            try {
                models.add(inspect(p));
            } catch (InvalidRequestException e) {
                problems.add(e.getMessage());
            }
        }
        return new Scan(models, problems);
    }

    /**
     * Checks that {@code path} is a checkpoint the engine can run and describes it.
     *
     * @throws InvalidRequestException saying what is wrong with it and what to do
     */
    public static ModelEntry inspect(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        try (TensorSource source = CheckpointLoader.open(abs)) {
            ModelSpec spec = CheckpointLoader.detect(source, null);
            return new ModelEntry(abs.toString(), ModelName.of(abs.toString()), spec.family() + " · " + formatSize(sizeOf(abs)),
                    spec.family());
        } catch (InvalidRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidRequestException(abs.getFileName() + " is not a usable model: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** True for what the folder scan considers: safetensors files and folders that look like diffusers models. */
    static boolean looksLikeModel(Path p) {
        if (Files.isRegularFile(p)) {
            return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors");
        }
        return Files.isDirectory(p) && (DiffusersFolder.isDiffusersFolder(p) || Files.isDirectory(p.resolve("unet")));
    }

    /**
     * True for a dropped path meant as a model rather than a picture: checkpoints in any format (so
     * a pickled .ckpt gets a clear refusal from {@link #inspect}) and folders.
     */
    public static boolean isModelPath(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isDirectory(p) || n.endsWith(".safetensors") || n.endsWith(".ckpt") || n.endsWith(".pt")
                || n.endsWith(".pth") || n.endsWith(".bin");
    }

    static long sizeOf(Path p) {
        try {
            if (Files.isRegularFile(p)) {
                return Files.size(p);
            }
            try (Stream<Path> files = Files.walk(p)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** "2.13 GB", "840 MB", "12 KB". */
    public static String formatSize(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.2f %s", v, units[u]);
    }
}
