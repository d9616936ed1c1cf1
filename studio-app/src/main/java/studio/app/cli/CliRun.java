package studio.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;

/** Submits one request, prints a progress line per step, and waits for its end. */
final class CliRun {
    private CliRun() {
    }

    static EngineEvent runToEnd(DiffusionEngine engine, GenerationRequest request, PrintWriter err)
            throws InterruptedException {
        BlockingQueue<EngineEvent> ends = new ArrayBlockingQueue<>(1);
        boolean[] progressShown = {false};
        engine.addListener(e -> {
            if (e instanceof EngineEvent.Step s) {
                progressShown[0] = true;
                double seconds = s.elapsed().toMillis() / 1000.0;
                err.printf(Locale.ROOT, "\rimage %d/%d  step %d/%d  %.1f s", s.batchIndex() + 1, request.batchSize(),
                        s.step(), s.totalSteps(), seconds);
                err.flush();
            } else if (!(e instanceof EngineEvent.Started)) {
                if (progressShown[0]) {
                    err.println();
                }
                ends.offer(e);
            }
        });
        engine.submit(request);
        return ends.take();
    }
}
