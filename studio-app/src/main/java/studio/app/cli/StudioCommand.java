package studio.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import studio.app.Version;
import studio.app.bench.BenchCommand;
import studio.engine.api.InvalidRequestException;

/** The {@code studio} command: the window by default, subcommands for scripts. */
@Command(name = "studio", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Latent Studio: local latent diffusion. With no command, opens the studio window.",
        subcommands = {GenerateCommand.class, OutpaintCommand.class, InfoCommand.class, DatasetCommand.class,
                BenchCommand.class})
public final class StudioCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Override
    public Integer call() {
        return GuiLauncher.launch();
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
            c.getErr().println("studio: failed: " + msg);
            return EXIT_FAILURE;
        });
        return cl;
    }
}
