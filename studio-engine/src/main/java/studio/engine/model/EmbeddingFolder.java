package studio.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import studio.engine.text.TextualInversions;

/**
 * The user's textual-inversion folder ({@code models/embeddings}): every {@code .safetensors} file at
 * its top level is an embedding named by its stem. Files are read only when a prompt names them.
 */
public record EmbeddingFolder(Path dir) {
    public List<Path> files() {
        return SafetensorsFolder.files(dir, "embeddings folder");
    }

    /** The names prompts may use. */
    public List<String> names() {
        return files().stream().map(studio.engine.model.lora.LoraFile::stem).toList();
    }

    /** The embeddings here, as vectors for this model's (first) text encoder (checked when first used). */
    public TextualInversions forModel(DiffusionModel model) {
        return forEncoder(model, model.textEncoder().width());
    }

    /**
     * As {@link #forModel}, for SDXL's second text encoder (OpenCLIP bigG): an SDXL embedding's
     * {@code clip_g} vectors; empty for models with one encoder.
     */
    public TextualInversions forSecondEncoder(DiffusionModel model) {
        return model.second() == null ? TextualInversions.NONE : forEncoder(model, model.second().encoder().width());
    }

    /**
     * How many vectors (token positions) each readable embedding here takes, for counting a prompt's
     * tokens before any model is loaded; a file that cannot be read is left out (a prompt that uses
     * it fails with the reason when it is generated).
     */
    public Map<String, Integer> vectorCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Path file : files()) {
            try {
                counts.put(studio.engine.model.lora.LoraFile.stem(file),
                        EmbeddingFile.read(file).vectors().values().iterator().next().length);
            } catch (RuntimeException e) {
                // not an embedding this studio reads: generating says why
            }
        }
        return counts;
    }

    private TextualInversions forEncoder(DiffusionModel model, int width) {
        Map<String, Supplier<float[][]>> byName = new LinkedHashMap<>();
        for (Path file : files()) {
            float[][][] cached = {null};
            byName.put(studio.engine.model.lora.LoraFile.stem(file), () -> {
                if (cached[0] == null) {
                    cached[0] = EmbeddingFile.read(file).vectorsFor(width, model.family());
                }
                return cached[0];
            });
        }
        return new TextualInversions(byName, String.valueOf(dir));
    }
}
