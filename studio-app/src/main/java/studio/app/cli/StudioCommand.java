package studio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import studio.app.ErrorLog;
import studio.app.Version;
import studio.app.bench.BenchCommand;
import studio.engine.api.InvalidRequestException;

/** The {@code studio} command: the window by default, subcommands for scripts. */
@Command(name = "studio", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Latent Studio: local latent diffusion. With no command, opens the studio window "
                + "(on FILE when given, as the desktop's \"Open with\" does).",
        subcommands = {GenerateCommand.class, OutpaintCommand.class, InfoCommand.class, DatasetCommand.class,
                TrainCommand.class, BenchCommand.class, PathsCommand.class})
public final class StudioCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(StudioCommand.class.getName());
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "An image to open on the canvas.")
    Path file;

    @Override
    public Integer call() {
        if (file != null && !Files.isRegularFile(file)) {
            throw new InvalidRequestException("cannot open " + file + ": "
                    + (Files.exists(file) ? "it is not a file" : "no such file"));
        }
        if (file != null && !Files.isReadable(file)) {
            throw new InvalidRequestException("cannot open " + file + ": no permission to read it");
        }
        return GuiLauncher.launch(file == null ? null : file.toAbsolutePath());
    }

    /** A failure whose trace is in the log already; its message says where. */
    static final class LoggedFailure extends RuntimeException {
        LoggedFailure(String message) {
            super(message + ErrorLog.seeDetails());
        }
    }

    /** A configured command line whose errors are one readable line on stderr with the right exit code. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new StudioCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof InvalidRequestException ? EXIT_BAD_INPUT : EXIT_FAILURE);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("studio: " + ex.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof InvalidRequestException) {
                c.getErr().println("studio: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (!(ex instanceof LoggedFailure)) {
                // the trace goes to the log file, not the terminal (an engine failure is logged where it happens)
                LOG.log(Level.SEVERE, "studio " + String.join(" ", parseResult.originalArgs()) + " failed", ex);
                msg += ErrorLog.seeDetails();
            }
            c.getErr().println("studio: failed: " + msg);
            return EXIT_FAILURE;
        });
        return cl;
    }
}
