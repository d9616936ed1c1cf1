package studio.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.DiffusionModel;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * Pictures for fixed prompts drawn through the real pipeline (sampler, CFG, VAE decode), tiled into
 * one PNG: rows are prompts, columns seeds. Used for training progress and for the model card.
 */
public final class SampleGrid {
    /** Seen captions and new combinations, as the model card reports them. */
    public static final List<String> PROMPTS = List.of(
            "red apple, noto style", "grinning face, twemoji style", "cat face, fluent style",
            "red heart, noto style", "blue apple, noto style", "green heart, twemoji style",
            "yellow star, fluent style", "fire, twemoji style");

    private SampleGrid() {
    }

    /** Generates {@code seeds} pictures per prompt with the given model and writes the grid. */
    public static List<List<RgbImage>> render(DiffusionModel model, List<String> prompts, int seeds, int steps,
                                              double guidance, Path png) throws IOException {
        try (ModelRepository repo = new ModelRepository(id -> model)) {
            return render(new StableDiffusionGenerator(repo), "x", prompts, seeds, steps, guidance, png);
        }
    }

    /** As above, through a generator whose repository knows {@code modelId}. */
    public static List<List<RgbImage>> render(StableDiffusionGenerator generator, String modelId, List<String> prompts,
                                              int seeds, int steps, double guidance, Path png) throws IOException {
        List<List<RgbImage>> rows = new ArrayList<>();
        {
            for (String prompt : prompts) {
                List<RgbImage> row = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    GenerationRequest request = GenerationRequest.builder().prompt(prompt).size(64, 64).steps(steps)
                            .guidanceScale(guidance).seed(1000 + s).sampler("DDIM").previewEvery(0).modelId(modelId).build();
                    row.addAll(generator.generate(request, Progress.NONE));
                }
                rows.add(row);
            }
        }
        write(rows, png);
        return rows;
    }

    public static void write(List<List<RgbImage>> rows, Path png) throws IOException {
        // Cells as large as the largest picture (all pictures are one size in every figure but the outpainting one).
        int cellW = rows.stream().flatMap(List::stream).mapToInt(RgbImage::width).max().orElse(1);
        int cellH = rows.stream().flatMap(List::stream).mapToInt(RgbImage::height).max().orElse(1);
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        BufferedImage grid = new BufferedImage(cols * cellW, rows.size() * cellH, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                RgbImage img = rows.get(r).get(c);
                grid.setRGB(c * cellW, r * cellH, img.width(), img.height(), img.pixels(), 0, img.width());
            }
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(grid, "png", png.toFile());
    }
}
