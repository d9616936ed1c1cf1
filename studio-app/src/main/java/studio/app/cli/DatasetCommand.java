package studio.app.cli;

import picocli.CommandLine.Command;

/** {@code studio dataset}: training data for the default model. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build the training data of the default model.",
        subcommands = {DatasetBuildCommand.class})
public final class DatasetCommand {
}
