package studio.app.cli;

import picocli.CommandLine.Command;

/** {@code studio train}: the two training stages of the default model, and its export. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the default model: 'vae' (stage 1), then 'unet' (stage 2), then 'export'.",
        subcommands = {TrainInitCommand.class, TrainVaeCommand.class, TrainUNetCommand.class, TrainExportCommand.class, TrainReportCommand.class})
public final class TrainCommand {
}
