package studio.ui.testing;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import studio.ui.fx.TaskExecutor;

/**
 * Runs view-model work on the calling thread and calls back at once (as JabRef's
 * {@code CurrentThreadTaskExecutor}): a view-model test sees the outcome when the call returns, with
 * no FX toolkit and no waiting.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    public static final CurrentThreadTaskExecutor INSTANCE = new CurrentThreadTaskExecutor();

    private CurrentThreadTaskExecutor() {
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T value;
        try {
            value = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(value);
    }
}
