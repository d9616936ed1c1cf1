package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;

/** An engine failure's trace goes to the log file under the state folder, not to the console. */
class ErrorLogTest {
    @TempDir
    Path state;

    @Test
    void anEngineFailureIsLoggedToTheFileAndNotToTheConsole() throws Exception {
        List<LogRecord> console = new CopyOnWriteArrayList<>();
        Handler consoleSpy = new Handler() {
            @Override
            public void publish(LogRecord record) {
                console.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(consoleSpy);
        ErrorLog log = ErrorLog.install(state);
        try (DiffusionEngine engine = new DiffusionEngine((request, progress) -> {
            throw new IllegalStateException("boom in the U-Net");
        }, null)) {
            BlockingQueue<EngineEvent> ends = new ArrayBlockingQueue<>(1);
            engine.addListener(e -> {
                if (e instanceof EngineEvent.Failed) {
                    ends.offer(e);
                }
            });
            engine.submit(GenerationRequest.builder().prompt("x").build());
            EngineEvent.Failed failed = (EngineEvent.Failed) ends.poll(30, TimeUnit.SECONDS);
            assertEquals("generation failed: boom in the U-Net", failed.message());
        } finally {
            root.removeHandler(consoleSpy);
            ErrorLog.install(AppDirs.detect().state());
        }
        assertEquals(List.of(), console, "nothing reaches the console's handlers");
        assertEquals(state.resolve("logs/studio.log").toAbsolutePath(), log.file());
        String text = Files.readString(log.file());
        assertTrue(text.contains("generation 1 failed") && text.contains("boom in the U-Net")
                && text.contains("\tat "), text);
    }

    @Test
    void theFileIsNotCreatedUntilSomethingIsLogged() {
        ErrorLog.install(state);
        try {
            assertEquals(state.resolve("logs/studio.log").toAbsolutePath(), ErrorLog.current());
            assertTrue(ErrorLog.seeDetails().endsWith(state.resolve("logs/studio.log").toAbsolutePath().toString()));
            assertTrue(Files.notExists(state.resolve("logs")));
        } finally {
            ErrorLog.install(AppDirs.detect().state());
        }
    }
}
