package studio.ui.fx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.EngineListener;

/**
 * The one place where engine events cross from the engine thread to the FX thread.
 *
 * <p>Events keep their order. A step event replaces a step of the same job still waiting to be
 * delivered, and at most one hand-over is queued on the FX thread at a time, so an engine that
 * steps faster than the screen refreshes cannot flood the FX queue: the FX side always sees the
 * newest preview and every Started/Finished/Failed/Cancelled.
 */
public final class FxEngineAdapter implements EngineListener, AutoCloseable {
    private final DiffusionEngine engine;
    private final Consumer<EngineEvent> onFxThread;
    private final ArrayDeque<EngineEvent> pending = new ArrayDeque<>();
    private boolean handOverQueued;
    private long coalescedSteps;

    /** Listens to {@code engine} and calls {@code onFxThread} with its events on the FX thread. */
    public FxEngineAdapter(DiffusionEngine engine, Consumer<EngineEvent> onFxThread) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.onFxThread = Objects.requireNonNull(onFxThread, "onFxThread");
        engine.addListener(this);
    }

    @Override
    public void onEvent(EngineEvent event) {
        boolean queueHandOver;
        synchronized (this) {
            if (event instanceof EngineEvent.Step && pending.peekLast() instanceof EngineEvent.Step waiting
                    && waiting.jobId() == event.jobId()) {
                pending.pollLast();
                coalescedSteps++;
            }
            pending.addLast(event);
            queueHandOver = !handOverQueued;
            handOverQueued = true;
        }
        if (queueHandOver) {
            Platform.runLater(this::deliver);
        }
    }

    /** How many step events were dropped in favour of a newer one (diagnostics and tests). */
    public synchronized long coalescedSteps() {
        return coalescedSteps;
    }

    private void deliver() {
        List<EngineEvent> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
            handOverQueued = false;
        }
        for (EngineEvent event : batch) {
            onFxThread.accept(event);
        }
    }

    @Override
    public void close() {
        engine.removeListener(this);
    }
}
