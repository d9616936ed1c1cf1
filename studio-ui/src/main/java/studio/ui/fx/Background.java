package studio.ui.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs user-started file work (open, export) off the FX thread, one job at a time, and hands the
 * outcome back on the FX thread through JavaFX's own {@link Task} callbacks.
 */
public final class Background {
    private static final ExecutorService IO = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-io");
        t.setDaemon(true);
        return t;
    });

    private Background() {
    }

    /** Runs {@code work} in the background; exactly one of the callbacks then runs on the FX thread. */
    public static <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        IO.execute(task);
    }
}
