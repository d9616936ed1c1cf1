package studio.ui.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * The studio's {@link TaskExecutor}: runs user-started file work (open, export, model scans) off the FX
 * thread, one job at a time, and hands the outcome back on the FX thread through JavaFX's own
 * {@link Task} callbacks.
 */
public final class Background implements TaskExecutor {
    /** The one background queue of the studio. */
    public static final Background INSTANCE = new Background();

    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-io");
        t.setDaemon(true);
        return t;
    });

    private Background() {
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        io.execute(task);
    }
}
