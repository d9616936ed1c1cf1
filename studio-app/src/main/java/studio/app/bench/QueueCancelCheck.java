package studio.app.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/**
 * The long-run check of a studio session where the user queues work and changes their mind: N
 * requests submitted to one engine, each cancelled — a third while still queued, the rest once their
 * first step has run (mid-sampling, as Esc does). Every request must end (Cancelled or Finished),
 * and the process's memory must not grow with the count: a request that leaks its tensors, its
 * queue entry or its listener shows here as growth per request.
 */
final class QueueCancelCheck {
    private QueueCancelCheck() {
    }

    static void run(BenchCase c, int requests, PrintWriter out) throws InterruptedException {
        try (ModelRepository models = new ModelRepository(id -> c.model().get());
             DiffusionEngine engine = new DiffusionEngine(new StableDiffusionGenerator(models), null)) {
            String id = "bench-" + c.name();
            GenerationRequest request = c.request(id, 1).toBuilder().steps(Math.max(4, c.steps())).build();
            ConcurrentHashMap<Long, CountDownLatch> firstStep = new ConcurrentHashMap<>();
            AtomicInteger cancelled = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ConcurrentHashMap<Long, CountDownLatch> ended = new ConcurrentHashMap<>();
            engine.addListener(event -> {
                if (event instanceof EngineEvent.Step s) {
                    firstStep.computeIfAbsent(s.jobId(), k -> new CountDownLatch(1)).countDown();
                } else if (event instanceof EngineEvent.Cancelled e) {
                    cancelled.incrementAndGet();
                    ended.computeIfAbsent(e.jobId(), k -> new CountDownLatch(1)).countDown();
                } else if (event instanceof EngineEvent.Finished e) {
                    finished.incrementAndGet();
                    ended.computeIfAbsent(e.jobId(), k -> new CountDownLatch(1)).countDown();
                } else if (event instanceof EngineEvent.Failed e) {
                    failed.incrementAndGet();
                    ended.computeIfAbsent(e.jobId(), k -> new CountDownLatch(1)).countDown();
                }
            });
            out.printf(Locale.ROOT, "queue-cancel: %d requests on %s, %dx%d, %d steps; every third cancelled while "
                    + "queued, the others after their first step%n", requests, c.description(), c.width(), c.height(),
                    request.steps());
            int warmUp = Math.min(50, requests);
            cycle(engine, request, warmUp, firstStep, ended);
            System.gc();
            ResidentMemory before = ResidentMemory.now();
            double heapBefore = heapUsedMb();
            out.printf(Locale.ROOT, "  after %d warm-up requests: resident %.1f MB, Java heap used %.1f MB%n", warmUp,
                    before.rssMb(), heapBefore);
            long start = System.nanoTime();
            int cancelledBefore = cancelled.get();
            int half = requests / 2;
            int submitted = cycle(engine, request, half, firstStep, ended);
            System.gc();
            double rssHalf = ResidentMemory.now().rssMb();
            int secondHalf = cycle(engine, request, requests - half, firstStep, ended);
            submitted += secondHalf;
            System.gc();
            ResidentMemory after = ResidentMemory.now();
            double heapAfter = heapUsedMb();
            int cancelledNow = cancelled.get() - cancelledBefore;
            out.printf(Locale.ROOT, "  %d requests in %.1f s: %d cancelled, %d finished, %d failed%n", submitted,
                    (System.nanoTime() - start) / 1e9, cancelledNow, finished.get(), failed.get());
            out.printf(Locale.ROOT, "  resident %.1f -> %.1f MB (%+.1f MB); over the last %d requests %+.2f KB per request; "
                            + "Java heap used %.1f -> %.1f MB; peak resident %.1f MB%n", before.rssMb(), after.rssMb(),
                    after.rssMb() - before.rssMb(), secondHalf, (after.rssMb() - rssHalf) * 1024 / secondHalf,
                    heapBefore, heapAfter, after.peakMb());
            out.println(cancelledNow == submitted && failed.get() == 0 && finished.get() == 0
                    ? "  every request ended as cancelled" : "  FAILED: not every request ended as cancelled");
        }
    }

    /**
     * Submits about {@code n} requests in groups of three: two run until their first step, one is
     * cancelled while queued. Returns how many were submitted.
     */
    private static int cycle(DiffusionEngine engine, GenerationRequest request, int n,
                              ConcurrentHashMap<Long, CountDownLatch> firstStep,
                              ConcurrentHashMap<Long, CountDownLatch> ended) throws InterruptedException {
        for (int i = 0; i < n; i += 3) {
            long running = engine.submit(request);
            long queued = engine.submit(request);
            long next = engine.submit(request);
            engine.cancel(queued);
            for (long job : new long[] {running, next}) {
                await(firstStep, job);
                engine.cancel(job);
            }
            for (long job : new long[] {running, queued, next}) {
                await(ended, job);
                firstStep.remove(job);
                ended.remove(job);
            }
        }
        return (n + 2) / 3 * 3;
    }

    private static void await(ConcurrentHashMap<Long, CountDownLatch> latches, long job) throws InterruptedException {
        if (!latches.computeIfAbsent(job, k -> new CountDownLatch(1)).await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("request " + job + " did not reach the expected point in 5 minutes");
        }
    }

    private static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
