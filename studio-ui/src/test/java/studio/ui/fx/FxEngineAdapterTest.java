package studio.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.ui.testing.Fx;

/** The one hand-over from the engine thread: on the FX thread, in order, never flooding it with steps. */
class FxEngineAdapterTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void eventsArriveOnTheFxThreadInOrderWithStepsCoalesced() throws Exception {
        DiffusionEngine engine = new DiffusionEngine((r, p) -> List.of(), null);
        List<EngineEvent> seen = new ArrayList<>();
        List<Boolean> onFx = new ArrayList<>();
        FxEngineAdapter adapter = new FxEngineAdapter(engine, e -> {
            seen.add(e);
            onFx.add(Platform.isFxApplicationThread());
        });
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> { // hold the FX thread so events pile up, as behind a slow frame
            blocked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        adapter.onEvent(new EngineEvent.Started(7, GenerationRequest.builder().build()));
        for (int i = 1; i <= 50; i++) {
            adapter.onEvent(new EngineEvent.Step(7, 0, i, 50, null, false, Duration.ofMillis(i)));
        }
        adapter.onEvent(new EngineEvent.Finished(7, List.of(), Duration.ofMillis(60)));
        release.countDown();
        Fx.waitUntil("delivery", 10, () -> seen.size() >= 3);

        assertEquals(3, seen.size(), "Started, the newest step, Finished: " + seen);
        assertTrue(seen.get(0) instanceof EngineEvent.Started);
        assertEquals(50, ((EngineEvent.Step) seen.get(1)).step(), "the newest step wins");
        assertTrue(seen.get(2) instanceof EngineEvent.Finished);
        assertEquals(List.of(true, true, true), onFx);
        assertEquals(49, adapter.coalescedSteps());
        adapter.close();
        engine.close();
    }
}
