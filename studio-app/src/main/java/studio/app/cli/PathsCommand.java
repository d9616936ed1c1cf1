package studio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import studio.app.AppDirs;
import studio.app.BundledAssets;

/** {@code studio paths}: where the studio reads what it ships with and keeps what the user makes. */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = "Show the bundled assets folder and where your models, outputs, autosave and settings live.")
public final class PathsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AppDirs dirs = AppDirs.detect();
        Optional<Path> assets = BundledAssets.locate();
        out.println("assets:  " + assets.map(Path::toString).orElse("(not found)"));
        out.println("models:  " + dirs.models());
        out.println("outputs: " + dirs.outputs());
        out.println("state:   " + dirs.state());
        out.println("config:  " + dirs.config());
        if (assets.isEmpty()) {
            spec.commandLine().getErr().println("studio: " + BundledAssets.notFoundMessage());
            return StudioCommand.EXIT_FAILURE;
        }
        return StudioCommand.EXIT_OK;
    }
}
