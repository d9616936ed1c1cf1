package studio.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where stack traces go: {@code <state>/logs/studio.log}, not the terminal. The user sees one line
 * naming this file; whoever debugs reads the trace there.
 *
 * <p>Why a handler of our own and not {@link java.util.logging.FileHandler}: that one switches to
 * {@code studio.log.1} when another studio process holds its lock, so the path in the message
 * could be the wrong one. Failures are rare, so each record opens the file in append mode (one
 * write per record, which concurrent processes do not interleave) and closes it again.
 */
public final class ErrorLog extends Handler {
    /** Past this size at the next record the log is moved to studio.log.old: two files at most. */
    static final long MAX_BYTES = 1 << 20;
    /** Held here: the logging framework keeps loggers only weakly, and would drop our settings. */
    private static final Logger STUDIO = Logger.getLogger("studio");
    private static volatile ErrorLog installed;

    private final Path file;

    private ErrorLog(Path file) {
        this.file = file;
        setLevel(Level.WARNING);
    }

    /**
     * Sends the studio's warnings and errors (engine and app) to {@code stateFolder/logs/studio.log}
     * instead of the console. The folder is made at the first record, not before.
     */
    public static synchronized ErrorLog install(Path stateFolder) {
        Path file = stateFolder.resolve("logs").resolve("studio.log").toAbsolutePath();
        if (installed != null && installed.file.equals(file)) {
            return installed;
        }
        if (installed != null) {
            STUDIO.removeHandler(installed);
        }
        installed = new ErrorLog(file);
        STUDIO.addHandler(installed);
        STUDIO.setUseParentHandlers(false);
        return installed;
    }

    /** The installed log's file, or null before {@link #install}. */
    public static Path current() {
        ErrorLog log = installed;
        return log == null ? null : log.file;
    }

    /** The clause a one-line message ends with to say where the details are. */
    public static String seeDetails() {
        Path file = current();
        return file == null ? "" : "; the details are in " + file;
    }

    public Path file() {
        return file;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf("%s %s %s: %s%n", Instant.ofEpochMilli(record.getMillis()), record.getLevel(),
                record.getLoggerName(), record.getMessage());
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(out);
        }
        out.flush();
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".old"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            reportError("cannot write " + file, e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
