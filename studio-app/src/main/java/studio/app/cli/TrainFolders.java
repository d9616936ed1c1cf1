package studio.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the dataset is and where checkpoints, logs and grids go: every {@code train} command reads these. */
public final class TrainFolders {
    static final Path DEFAULT_ROOT = DatasetBuildCommand.CACHE_HOME;
    static final Path DEFAULT_WORK = DEFAULT_ROOT.resolve("train").resolve("default");

    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder made by 'studio dataset build' (default: ~/.cache/latent-studio/datasets/emoji-64).")
    Path data;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Folder for checkpoints, logs and sample grids (default: ~/.cache/latent-studio/train/default).")
    Path work;

    Path dataDir() {
        return data != null ? data : DEFAULT_ROOT.resolve("datasets").resolve("emoji-64");
    }

    Path workDir() {
        return work != null ? work : DEFAULT_WORK;
    }
}
