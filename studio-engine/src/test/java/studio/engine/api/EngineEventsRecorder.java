package studio.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects engine events and lets a test wait for one. */
final class EngineEventsRecorder implements EngineListener {
    private final List<EngineEvent> events = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void onEvent(EngineEvent event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    synchronized List<EngineEvent> events() {
        return new ArrayList<>(events);
    }

    synchronized List<String> threads() {
        return new ArrayList<>(threads);
    }

    synchronized <E extends EngineEvent> E await(Class<E> type, Predicate<E> match, long seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (EngineEvent e : events) {
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + seconds + " s; got " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for the job's terminal event (Finished, Failed or Cancelled). */
    EngineEvent awaitEnd(long jobId, long seconds) throws InterruptedException {
        return await(EngineEvent.class, e -> e.jobId() == jobId && !(e instanceof EngineEvent.Started)
                && !(e instanceof EngineEvent.Step), seconds);
    }
}
