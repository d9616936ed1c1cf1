package studio.train;

/**
 * Keeps count of the steps a training loop drops for a non-finite loss or gradient, and stops the run
 * with a message that tells the two causes apart after {@link #LIMIT} in a row.
 *
 * <p>A finite loss with a non-finite gradient is libtorch 2.7.1's CPU convolution backward reading
 * uninitialised memory (see {@code ConvBackwardProbeTest}). {@link ZeroFilledAllocations} keeps it away on
 * glibc; elsewhere it comes in bursts that grow with the age of the process, the weights are unharmed,
 * and a fresh process trains on cleanly from the checkpoint.
 * A non-finite loss means the weights themselves have diverged.
 */
final class NonFiniteSteps {
    static final int LIMIT = 50;

    private final String stage;
    private int inARow;
    private int lossesInARow;

    NonFiniteSteps(String stage) {
        this.stage = stage;
    }

    /**
     * Records one step's loss and gradient norm.
     *
     * @return whether the step is usable (both finite)
     * @throws IllegalStateException on the {@link #LIMIT}th unusable step in a row
     */
    boolean accept(float loss, float gradNorm, long step) {
        if (Float.isFinite(loss) && Float.isFinite(gradNorm)) {
            inARow = 0;
            lossesInARow = 0;
            return true;
        }
        inARow++;
        if (!Float.isFinite(loss)) {
            lossesInARow++;
        }
        if (inARow < LIMIT) {
            return false;
        }
        if (lossesInARow == inARow) {
            throw new IllegalStateException(stage + " training diverged at step " + step + ": the loss was not finite "
                    + LIMIT + " steps in a row. Run the same command with --resume to go back to the last checkpoint;"
                    + " if it diverges again, start over with a different --seed.");
        }
        throw new IllegalStateException(stage + " training paused at step " + step + ": libtorch returned non-finite"
                + " gradients " + LIMIT + " steps in a row while the loss stayed finite (a libtorch 2.7.1 CPU fault"
                + " that builds up in a long-running process; the weights are fine). Run the same command with"
                + " --resume to continue from the last checkpoint in a fresh process.");
    }
}
