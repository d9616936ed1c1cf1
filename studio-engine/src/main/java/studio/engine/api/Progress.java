package studio.engine.api;


/** How a running generation reports its steps and learns that it was cancelled. */
public interface Progress {
    /**
     * Whether step reports should carry a {@link Preview}. When false the generator makes none (the
     * decode would cost time nobody looks at).
     */
    default boolean wantsPreviews() {
        return true;
    }

    /**
     * Reports a finished step.
     *
     * @param preview the step's picture, or null when {@link #wantsPreviews()} is false
     * @throws CancelledException when the job has been cancelled; generators let it propagate
     */
    void step(int batchIndex, int step, int totalSteps, Preview preview);

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
        public boolean wantsPreviews() {
            return false;
        }

        @Override
        public void step(int batchIndex, int step, int totalSteps, Preview preview) {
        }

        @Override
        public void checkCancelled() {
        }
    };
}
