package studio.app.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.image.RgbImage;
import studio.engine.model.DiffusionModel;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * Repeated generations on one loaded model, as a long studio session makes them, watching the
 * process's resident memory and the native arrays the model's manager holds. Memory that grows with
 * every generation is a leak: some per-request tensor outlives its request.
 *
 * <p>The Java heap grows and shrinks on its own schedule and shows in resident memory too; for a
 * clean figure give the JVM a fixed, pre-touched heap ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}),
 * so that what still grows is native memory.
 */
final class MemoryCheck {
    private MemoryCheck() {
    }

    static void run(BenchCase c, int generations, PrintWriter out) {
        try (ModelRepository models = new ModelRepository(id -> c.model().get())) {
            String id = "bench-" + c.name();
            DiffusionModel model = models.get(id).model();
            StableDiffusionGenerator generator = new StableDiffusionGenerator(models);
            GenerationRequest txt2img = c.request(id, GenerationRequest.builder().build().previewEvery());
            GenerationRequest img2img = txt2img.toBuilder().initImage(gradient(c.width(), c.height())).strength(0.6).build();
            out.printf(Locale.ROOT, "memory: %d generations (txt2img and img2img in turn) on %s, %dx%d, %d %s steps, "
                    + "previews at the default setting%n", generations, c.description(), c.width(), c.height(), c.steps(),
                    BenchCase.SAMPLER);
            // Two warm-ups: libtorch's allocator and the JIT reach their working sizes.
            generator.generate(txt2img, TAKE_PREVIEWS);
            generator.generate(img2img, TAKE_PREVIEWS);
            System.gc();
            ResidentMemory before = ResidentMemory.now();
            int arraysBefore = model.weights().getManagedArrays().size();
            out.printf(Locale.ROOT, "  after 2 warm-up generations: resident %.1f MB (Java heap committed %.1f MB), "
                    + "model manager holds %d arrays%n", before.rssMb(), heapCommittedMb(), arraysBefore);
            int report = Math.max(1, generations / 5);
            double half = before.rssMb();
            for (int i = 1; i <= generations; i++) {
                generator.generate(i % 2 == 0 ? txt2img : img2img, TAKE_PREVIEWS);
                if (i == generations / 2) {
                    half = ResidentMemory.now().rssMb();
                }
                if (i % report == 0 || i == generations) {
                    out.printf(Locale.ROOT, "  after %d: resident %.1f MB (Java heap committed %.1f MB)%n", i,
                            ResidentMemory.now().rssMb(), heapCommittedMb());
                    out.flush();
                }
            }
            System.gc();
            ResidentMemory after = ResidentMemory.now();
            int arraysAfter = model.weights().getManagedArrays().size();
            int secondHalf = generations - generations / 2;
            out.printf(Locale.ROOT, "  %d generations: resident %.1f -> %.1f MB (%+.1f MB); over the last %d: %+.1f KB per "
                            + "generation; model manager arrays %d -> %d; peak resident %.1f MB%n",
                    generations, before.rssMb(), after.rssMb(), after.rssMb() - before.rssMb(), secondHalf,
                    (after.rssMb() - half) * 1024 / secondHalf, arraysBefore, arraysAfter, after.peakMb());
            out.println("  (a leak grows steadily; allocator and JIT warm-up level off)");
        }
    }

    private static RgbImage gradient(int width, int height) {
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | (i % width * 255 / width) << 16 | (i / width * 255 / height) << 8 | 0x60;
        }
        return new RgbImage(width, height, px);
    }

    private static double heapCommittedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024.0 * 1024.0);
    }

    /** Makes every preview, as the engine does while the window listens. */
    private static final Progress TAKE_PREVIEWS = new Progress() {
        @Override
        public void step(int batchIndex, int step, int totalSteps, Preview preview) {
        }

        @Override
        public void checkCancelled() {
        }
    };
}
