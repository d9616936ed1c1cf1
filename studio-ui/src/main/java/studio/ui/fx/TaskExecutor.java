package studio.ui.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where view models run their file and scan work: in the studio, off the FX thread with the outcome
 * handed back on it ({@link Background}); in view-model tests, on the calling thread at once, so a
 * test needs neither the FX toolkit nor a wait for the outcome.
 */
public interface TaskExecutor {
    /** Runs {@code work}; exactly one of the callbacks then runs, on the thread the view model lives on. */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
