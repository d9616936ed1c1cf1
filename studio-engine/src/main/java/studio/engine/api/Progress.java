package studio.engine.api;

import java.util.function.Supplier;
import studio.engine.image.RgbImage;

/** How a running generation reports its steps and learns that it was cancelled. */
public interface Progress {
    /**
     * Reports a finished step. The preview is made only if the listener wants one.
     *
     * @throws CancelledException when the job has been cancelled; generators let it propagate
     */
    void step(int batchIndex, int step, int totalSteps, Supplier<RgbImage> preview, boolean fullDecode);

    /** Throws {@link CancelledException} when the job has been cancelled. */
    void checkCancelled();

    /** Thrown inside a generation to unwind it after {@code cancel()}. */
    final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("cancelled", null, false, false);
        }
    }

    /** A progress that never cancels and ignores steps (for callers that only want the result). */
    Progress NONE = new Progress() {
        @Override
        public void step(int batchIndex, int step, int totalSteps, Supplier<RgbImage> preview, boolean fullDecode) {
        }

        @Override
        public void checkCancelled() {
        }
    };
}
