package studio.engine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import studio.engine.api.EngineEvent.Failed.Kind;
import studio.engine.image.RgbImage;

/**
 * Runs generation requests one after another on a single long-lived engine thread.
 *
 * <p>Requests queue in submission order. Listeners hear every event on the engine thread (the UI
 * moves them to its own thread in one adapter). {@link #cancel()} is honoured at the next step
 * boundary, after which the thread takes the next job. Each image is handed to the
 * {@link ResultSaver} before {@link EngineEvent.Finished} announces it.
 */
public final class DiffusionEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DiffusionEngine.class.getName());

    private final Generator generator;
    private final ResultSaver saver;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Thread thread;
    private volatile Job current;
    private volatile boolean closed;

    /**
     * @param generator makes the images; called only on the engine thread
     * @param saver     stores each result before it is announced, or null to keep results in memory only
     */
    public DiffusionEngine(Generator generator, ResultSaver saver) {
        this.generator = generator;
        this.saver = saver;
        this.thread = new Thread(this::runLoop, "studio-engine");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    /**
     * Queues a request and returns its job id. An invalid request is refused here, before it queues.
     *
     * @throws InvalidRequestException with the first problem of the request
     */
    public long submit(GenerationRequest request) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        request.validated();
        Job job = new Job(nextId.getAndIncrement(), request);
        queue.add(job);
        return job.id;
    }

    /** Cancels the running job and every queued one. */
    public void cancel() {
        List<Job> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        Job running = current;
        if (running != null) {
            running.cancelled = true;
        }
        for (Job job : dropped) {
            emit(new EngineEvent.Cancelled(job.id));
        }
    }

    /** Cancels one job, running or queued; does nothing if it already ended. */
    public void cancel(long jobId) {
        Job running = current;
        if (running != null && running.id == jobId) {
            running.cancelled = true;
            return;
        }
        if (queue.removeIf(j -> j.id == jobId)) {
            emit(new EngineEvent.Cancelled(jobId));
        }
    }

    @Override
    public void close() {
        closed = true;
        cancel();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runLoop() {
        while (!closed) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            current = job;
            try {
                run(job);
            } finally {
                current = null;
            }
        }
    }

    private void run(Job job) {
        long start = System.nanoTime();
        emit(new EngineEvent.Started(job.id, job.request));
        try {
            if (job.cancelled) {
                throw new Progress.CancelledException();
            }
            List<RgbImage> images = generator.generate(job.request, new JobProgress(job, start));
            job.checkCancelled();
            List<EngineEvent.Result> results = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                GenerationRequest exact = job.request.item(i);
                Path saved;
                try {
                    saved = saver == null ? null : saver.save(images.get(i), exact);
                } catch (IOException e) {
                    fail(job, Kind.OUTPUT_FILE, "could not save the result: " + describe(e)
                            + "; check that the outputs folder is writable");
                    return;
                }
                results.add(new EngineEvent.Result(images.get(i), exact, saved));
            }
            emit(new EngineEvent.Finished(job.id, results, Duration.ofNanos(System.nanoTime() - start)));
        } catch (Progress.CancelledException e) {
            emit(new EngineEvent.Cancelled(job.id));
        } catch (InvalidRequestException e) {
            fail(job, Kind.INVALID_REQUEST, e.getMessage());
        } catch (OutOfMemoryError e) {
            fail(job, Kind.OUT_OF_MEMORY, "out of memory while generating; try a smaller size or batch");
        } catch (UncheckedIOException e) {
            // Generators read files (checkpoints, vocabularies) but write none: the saver does that.
            fail(job, Kind.INPUT_FILE, "could not read the model: " + describe(e.getCause()));
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "generation " + job.id + " failed", e);
            fail(job, Kind.INTERNAL, "generation failed: " + describe(e));
        }
    }

    private void fail(Job job, Kind kind, String message) {
        emit(new EngineEvent.Failed(job.id, kind, message));
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    private void emit(EngineEvent event) {
        for (EngineListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "engine listener failed on " + event.getClass().getSimpleName(), e);
            }
        }
    }

    private static final class Job {
        final long id;
        final GenerationRequest request;
        volatile boolean cancelled;

        Job(long id, GenerationRequest request) {
            this.id = id;
            this.request = request;
        }

        void checkCancelled() {
            if (cancelled) {
                throw new Progress.CancelledException();
            }
        }
    }

    private final class JobProgress implements Progress {
        private final Job job;
        private final long start;

        JobProgress(Job job, long start) {
            this.job = job;
            this.start = start;
        }

        /** A preview is made only while someone listens. */
        @Override
        public boolean wantsPreviews() {
            return !listeners.isEmpty();
        }

        @Override
        public void step(int batchIndex, int step, int totalSteps, Preview preview) {
            job.checkCancelled();
            if (!listeners.isEmpty()) {
                emit(new EngineEvent.Step(job.id, batchIndex, step, totalSteps, preview == null ? null : preview.image(),
                        preview != null && preview.fullDecode(), Duration.ofNanos(System.nanoTime() - start)));
            }
            job.checkCancelled();
        }

        @Override
        public void checkCancelled() {
            job.checkCancelled();
        }
    }
}
