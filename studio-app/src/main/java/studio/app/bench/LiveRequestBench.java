package studio.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.engine.io.OutputFolder;
import studio.engine.nn.Profile;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;
import studio.ui.main.LiveMode;

/**
 * {@code studio bench --case NAME --live}: the engine's share of live mode's latency on a case's model.
 * After a brush stroke the studio sends an inpainting of the stroke with a fixed seed and at most
 * {@link LiveMode#MAX_STEPS} steps (the studio's default of 20 capped); this sends that request (a band across the middle of a picture,
 * the request's default strength and mask blur) to a real engine that saves each result as the studio
 * does, and prints the time from submission to the image saved. The studio adds the hop to the FX thread
 * and the repaint (measured with the built-in model by {@code LiveLatencyBench} in studio-ui).
 */
final class LiveRequestBench {
    private static final int STROKES = 12;

    private LiveRequestBench() {
    }

    static void run(BenchCase c, PrintWriter out) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("studio-bench-live");
        LinkedBlockingQueue<EngineEvent> ends = new LinkedBlockingQueue<>();
        try (ModelRepository models = new ModelRepository(id -> c.model().get());
             DiffusionEngine engine = new DiffusionEngine(new StableDiffusionGenerator(models), new OutputFolder(folder))) {
            engine.addListener(e -> {
                if (e instanceof EngineEvent.Finished || e instanceof EngineEvent.Failed || e instanceof EngineEvent.Cancelled) {
                    ends.add(e);
                }
            });
            RgbImage picture = RgbImage.filled(c.width(), c.height(), 0xFF6A8CAF);
            List<Double> millis = new ArrayList<>();
            Profile.reset();
            for (int i = -1; i < STROKES; i++) { // the first one warms up (model load, kernel choice)
                GenerationRequest request = c.request("bench-" + c.name(), 0).toBuilder()
                        .steps(LiveMode.MAX_STEPS).initImage(picture).mask(band(c, i)).build();
                Profile.enable(i >= 0);
                long start = System.nanoTime();
                engine.submit(request);
                EngineEvent end = ends.poll(10, TimeUnit.MINUTES);
                if (!(end instanceof EngineEvent.Finished)) {
                    throw new IllegalStateException("a live request did not finish: " + end);
                }
                if (i >= 0) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
            Profile.enable(false);
            Collections.sort(millis);
            out.printf(Locale.ROOT, "live request on %s at %dx%d (inpainting a stroke at %d steps, image saved): "
                            + "median %.0f ms, min %.0f ms, max %.0f ms over %d strokes%n", c.name(), c.width(), c.height(),
                    LiveMode.MAX_STEPS, millis.get(millis.size() / 2), millis.get(0),
                    millis.get(millis.size() - 1), STROKES);
            StringBuilder ops = new StringBuilder("  engine ops per stroke:");
            Map<Profile.Kind, Long> calls = Profile.calls();
            Profile.seconds().forEach((kind, s) -> ops.append(String.format(Locale.ROOT, " %s %.1f ms (%d calls);",
                    kind.name().toLowerCase(Locale.ROOT), s * 1e3 / STROKES, calls.get(kind) / STROKES)));
            out.println(ops);
            out.flush();
        } finally {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A horizontal stroke one eighth of the height thick, moving down a little with each stroke. */
    private static GrayImage band(BenchCase c, int stroke) {
        float[] values = new float[c.width() * c.height()];
        int thick = Math.max(1, c.height() / 8);
        int top = (c.height() / 4 + Math.max(0, stroke) * c.height() / (4 * STROKES)) % (c.height() - thick);
        for (int y = top; y < top + thick; y++) {
            for (int x = c.width() / 8; x < c.width() * 7 / 8; x++) {
                values[y * c.width() + x] = 1f;
            }
        }
        return new GrayImage(c.width(), c.height(), values);
    }
}
