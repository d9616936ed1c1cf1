package studio.app;

import java.io.PrintWriter;
import studio.app.cli.StudioCommand;

/** Entry point: no arguments opens the studio window; otherwise runs a command-line subcommand. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        NativeEnvironment.prepare();
        NativeNoiseFilter.install();
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0 || args.length > 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns the exit status (0 ok, 1 runtime failure, 2 bad input). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        ErrorLog.install(AppDirs.detect().state());
        return StudioCommand.commandLine(out, err).execute(args);
    }
}
