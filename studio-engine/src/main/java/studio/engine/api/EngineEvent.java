package studio.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import studio.engine.image.RgbImage;

/** What the engine thread reports about a job, in order: Started, Step*, then one of Finished, Failed, Cancelled. */
public sealed interface EngineEvent {
    long jobId();

    record Started(long jobId, GenerationRequest request) implements EngineEvent {
    }

    /**
     * One denoising step done.
     *
     * @param batchIndex which batch item (0-based)
     * @param step       steps done so far for this item (1-based)
     * @param totalSteps steps this item runs
     * @param preview    the current latent decoded to an image
     * @param fullDecode whether the preview came from the VAE (true) or the cheap projection (false)
     * @param elapsed    time since the job started
     */
    record Step(long jobId, int batchIndex, int step, int totalSteps, RgbImage preview, boolean fullDecode,
                Duration elapsed) implements EngineEvent {
    }

    /** All images of the job, each with the exact parameters that made it, saved before this event. */
    record Finished(long jobId, List<Result> results, Duration elapsed) implements EngineEvent {
        public Finished {
            results = List.copyOf(results);
        }
    }

    /**
     * The job failed: {@code kind} says what sort of failure it was, for callers that act on it (the
     * command line's exit code), {@code message} what went wrong in plain words.
     */
    record Failed(long jobId, Kind kind, String message) implements EngineEvent {
        public Failed {
            java.util.Objects.requireNonNull(kind, "kind");
        }

        /** What sort of failure ended a job. */
        public enum Kind {
            /** The request cannot be run as asked (a value out of range, a model that cannot do it, a size over its budget). */
            INVALID_REQUEST,
            /** A file the job reads (the model, its vocabulary) could not be read. */
            INPUT_FILE,
            /** A result could not be written. */
            OUTPUT_FILE,
            /** The machine ran out of memory. */
            OUT_OF_MEMORY,
            /** The job was cancelled; the engine says so with {@link Cancelled}, callers that fold every end into a kind use this. */
            CANCELLED,
            /** Anything else: a fault of the engine, described as well as it can be. */
            INTERNAL
        }
    }

    record Cancelled(long jobId) implements EngineEvent {
    }

    /**
     * One generated image.
     *
     * @param image      the pixels
     * @param parameters the exact request that reproduces it (its own seed, batch size 1)
     * @param savedTo    where it was written, or null when the engine has no output folder
     */
    record Result(RgbImage image, GenerationRequest parameters, Path savedTo) {
    }
}
