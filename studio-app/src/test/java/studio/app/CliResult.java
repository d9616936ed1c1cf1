package studio.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** What one run of the command line gave: exit status, standard output and standard error. */
public record CliResult(int code, String out, String err) {
    /** Runs {@code studio ARGS} in this JVM as {@link Main#main} would, with captured writers. */
    public static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliResult(code, out.toString(), err.toString());
    }

    /** As {@link #run}, also capturing System.out, where the training stages print their progress. */
    public static CliResult runCapturingConsole(String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            CliResult r = run(args);
            return new CliResult(r.code, r.out + console.toString(StandardCharsets.UTF_8), r.err);
        } finally {
            System.setOut(original);
        }
    }
}
