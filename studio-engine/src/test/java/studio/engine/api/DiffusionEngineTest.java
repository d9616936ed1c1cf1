package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/** The engine thread on the real default model: determinism, events, queueing and cancellation. */
class DiffusionEngineTest {
    private static DiffusionEngine engine;
    private static ModelRepository models;

    @BeforeAll
    static void start() {
        models = ModelRepository.defaultOnly();
        engine = new DiffusionEngine(new StableDiffusionGenerator(models), null);
    }

    @AfterAll
    static void stop() {
        engine.close();
        models.close();
    }

    private static GenerationRequest request(long seed, int steps) {
        return GenerationRequest.builder().prompt("a red apple").negativePrompt("blurry")
                .size(64, 64).steps(steps).seed(seed).build();
    }

    private static EngineEvent.Finished run(GenerationRequest r) throws InterruptedException {
        EngineEventsRecorder rec = new EngineEventsRecorder();
        engine.addListener(rec);
        try {
            long id = engine.submit(r);
            return assertInstanceOf(EngineEvent.Finished.class, rec.awaitEnd(id, 120));
        } finally {
            engine.removeListener(rec);
        }
    }

    @Test
    void sameRequestGivesIdenticalPixelsAndDifferentSeedsDiffer() throws Exception {
        var a = run(request(42, 4)).results().get(0).image();
        var b = run(request(42, 4)).results().get(0).image();
        var c = run(request(43, 4)).results().get(0).image();
        assertEquals(a, b, "same seed and settings must reproduce the image exactly");
        assertNotEquals(a, c, "another seed must give another image");
        assertEquals(64, a.width());
        assertEquals(64, a.height());
    }

    @Test
    void eventsArriveInOrderOnTheEngineThreadWithAPreviewEachStep() throws Exception {
        EngineEventsRecorder rec = new EngineEventsRecorder();
        engine.addListener(rec);
        long id = engine.submit(request(7, 5).toBuilder().batchSize(2).build());
        EngineEvent end = rec.awaitEnd(id, 120);
        engine.removeListener(rec);
        List<EngineEvent> mine = rec.events().stream().filter(e -> e.jobId() == id).collect(Collectors.toList());
        assertInstanceOf(EngineEvent.Started.class, mine.get(0));
        assertInstanceOf(EngineEvent.Finished.class, end);
        assertEquals(end, mine.get(mine.size() - 1));
        List<EngineEvent.Step> steps = mine.stream().filter(e -> e instanceof EngineEvent.Step)
                .map(e -> (EngineEvent.Step) e).collect(Collectors.toList());
        assertEquals(10, steps.size(), "5 steps for each of 2 batch items");
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i / 5, steps.get(i).batchIndex());
            assertEquals(i % 5 + 1, steps.get(i).step());
            assertEquals(5, steps.get(i).totalSteps());
            assertEquals(64, steps.get(i).preview().width(), "preview is drawn at image size");
        }
        EngineEvent.Finished done = (EngineEvent.Finished) end;
        assertEquals(2, done.results().size());
        assertEquals(7, done.results().get(0).parameters().seed());
        assertEquals(8, done.results().get(1).parameters().seed(), "batch item i uses seed + i");
        assertTrue(rec.threads().stream().allMatch("studio-engine"::equals), "events come from the engine thread");
    }

    @Test
    void aQueuedRequestRunsAfterTheFirst() throws Exception {
        EngineEventsRecorder rec = new EngineEventsRecorder();
        engine.addListener(rec);
        long first = engine.submit(request(1, 3));
        long second = engine.submit(request(2, 3));
        rec.awaitEnd(second, 120);
        engine.removeListener(rec);
        List<EngineEvent> events = rec.events();
        int firstEnd = indexOf(events, first, EngineEvent.Finished.class);
        int secondStart = indexOf(events, second, EngineEvent.Started.class);
        assertTrue(firstEnd >= 0 && secondStart > firstEnd, "second job starts after the first finished: " + events);
        assertInstanceOf(EngineEvent.Finished.class, events.get(events.size() - 1));
    }

    @Test
    void cancelStopsWithinOneStepAndTheEngineTakesTheNextJob() throws Exception {
        EngineEventsRecorder rec = new EngineEventsRecorder();
        engine.addListener(rec);
        long id = engine.submit(request(3, 200));
        rec.await(EngineEvent.Step.class, s -> s.jobId() == id && s.step() == 2, 120);
        engine.cancel();
        EngineEvent end = rec.awaitEnd(id, 60);
        assertInstanceOf(EngineEvent.Cancelled.class, end);
        long steps = rec.events().stream().filter(e -> e instanceof EngineEvent.Step && e.jobId() == id).count();
        assertTrue(steps <= 4, "cancel must take effect within one step, ran " + steps);
        long next = engine.submit(request(4, 2));
        assertInstanceOf(EngineEvent.Finished.class, rec.awaitEnd(next, 120));
        engine.removeListener(rec);
    }

    @Test
    void invalidRequestsAreRefusedWithAClearMessage() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> engine.submit(request(1, 20).toBuilder().width(100).build()));
        assertEquals("width must be a multiple of 8, got 100; try 96 or 104", e.getMessage());
        e = assertThrows(InvalidRequestException.class, () -> engine.submit(request(1, 0)));
        assertTrue(e.getMessage().startsWith("steps must be between 1 and"), e.getMessage());
    }

    private static int indexOf(List<EngineEvent> events, long id, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).jobId() == id && type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
