package studio.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import studio.engine.api.GenerationRequest;

/**
 * A command that generates: the {@link PromptOptions} every such command takes, and the one way
 * its request is run ({@link CliRun}); {@code generate} and {@code outpaint} add their image inputs.
 */
abstract class PromptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PromptOptions options;

    /** Runs the request, printing progress and the files written; returns the exit code. */
    int run(GenerationRequest.Builder request) throws Exception {
        return CliRun.run(options, request.build(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
