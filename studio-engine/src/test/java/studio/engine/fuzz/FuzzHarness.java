package studio.engine.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import studio.engine.api.InvalidRequestException;

/**
 * Runs fuzz cases one at a time, each on a worker thread with a time limit, and sorts the outcomes:
 * accepted, refused cleanly (an {@link InvalidRequestException} with a one-line message free of Java
 * internals), or bad (any other throwable, an unclean message, or no answer in time).
 */
final class FuzzHarness implements AutoCloseable {
    /** Java internals a user-facing message must not show. */
    private static final Pattern INTERNALS = Pattern.compile("[A-Za-z]+(Exception|Error)\\b|java\\.|com\\.google|\\tat |\\$Lambda");
    static final int MAX_MESSAGE = 600;

    private final long timeoutMillis;
    private ExecutorService worker = newWorker();
    private int accepted;
    private int refused;
    private final List<String> bad = new ArrayList<>();
    private final List<String> sampleRefusals = new ArrayList<>();

    FuzzHarness(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true); // a hung case must not keep the test JVM alive
            return t;
        });
    }

    void run(String name, Callable<?> action) {
        Future<?> result = worker.submit(action);
        try {
            result.get(timeoutMillis, TimeUnit.MILLISECONDS);
            accepted++;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage();
            if (cause instanceof InvalidRequestException && isClean(message)) {
                refused++;
                if (sampleRefusals.size() < 3) {
                    sampleRefusals.add(name + ": " + message);
                }
            } else {
                bad.add(name + ": " + cause.getClass().getName() + ": " + abbreviate(message));
            }
        } catch (TimeoutException e) {
            result.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the old thread may never come back
            bad.add(name + ": no answer in " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static boolean isClean(String message) {
        return message != null && !message.isBlank() && message.indexOf('\n') < 0 && message.indexOf('\r') < 0
                && message.length() <= MAX_MESSAGE && !INTERNALS.matcher(message).find();
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    int cases() {
        return accepted + refused + bad.size();
    }

    int accepted() {
        return accepted;
    }

    int refused() {
        return refused;
    }

    List<String> bad() {
        return bad;
    }

    String summary(String what) {
        return String.format("fuzz %s: %d cases, %d accepted, %d refused cleanly, %d bad (refusals such as: %s)", what,
                cases(), accepted, refused, bad.size(), String.join(" | ", sampleRefusals));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
