package studio.app.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.DiffusionModel;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * Repeated generations on one loaded model, as a long studio session makes them, watching the
 * process's resident memory and the native arrays the model's manager holds. Memory that grows with
 * every generation is a leak: some per-request tensor outlives its request.
 */
final class MemoryCheck {
    private MemoryCheck() {
    }

    static void run(BenchCase c, int generations, PrintWriter out) {
        try (ModelRepository models = new ModelRepository(id -> c.model().get())) {
            String id = "bench-" + c.name();
            DiffusionModel model = models.get(id).model();
            StableDiffusionGenerator generator = new StableDiffusionGenerator(models);
            GenerationRequest request = c.request(id, GenerationRequest.builder().build().previewEvery());
            out.printf(Locale.ROOT, "memory: %d generations on %s, %dx%d, %d %s steps, previews at the default setting%n",
                    generations, c.description(), c.width(), c.height(), c.steps(), BenchCase.SAMPLER);
            // Two warm-ups: libtorch's allocator and the JIT reach their working sizes.
            generator.generate(request, TAKE_PREVIEWS);
            generator.generate(request, TAKE_PREVIEWS);
            System.gc();
            ResidentMemory before = ResidentMemory.now();
            int arraysBefore = model.weights().getManagedArrays().size();
            out.printf(Locale.ROOT, "  after 2 warm-up generations: resident %.1f MB, model manager holds %d arrays%n",
                    before.rssMb(), arraysBefore);
            int report = Math.max(1, generations / 5);
            for (int i = 1; i <= generations; i++) {
                generator.generate(request, TAKE_PREVIEWS);
                if (i % report == 0 || i == generations) {
                    out.printf(Locale.ROOT, "  after %d: resident %.1f MB%n", i, ResidentMemory.now().rssMb());
                    out.flush();
                }
            }
            System.gc();
            ResidentMemory after = ResidentMemory.now();
            int arraysAfter = model.weights().getManagedArrays().size();
            double grownMb = after.rssMb() - before.rssMb();
            out.printf(Locale.ROOT, "  %d generations: resident %.1f -> %.1f MB (%+.1f MB, %+.1f KB per generation); "
                            + "model manager arrays %d -> %d; peak resident %.1f MB%n",
                    generations, before.rssMb(), after.rssMb(), grownMb, grownMb * 1024 / generations,
                    arraysBefore, arraysAfter, after.peakMb());
        }
    }

    /** Makes every preview, as the engine does while the window listens. */
    private static final Progress TAKE_PREVIEWS = new Progress() {
        @Override
        public void step(int batchIndex, int step, int totalSteps, Supplier<RgbImage> preview, boolean fullDecode) {
            preview.get();
        }

        @Override
        public void checkCancelled() {
        }
    };
}
