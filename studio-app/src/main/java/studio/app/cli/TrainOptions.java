package studio.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every training stage shares: where the data is, where checkpoints go, resume. */
public final class TrainOptions {
    static final Path DEFAULT_ROOT = DatasetBuildCommand.CACHE_HOME;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder made by 'studio dataset build' (default: ~/.cache/latent-studio/datasets/emoji-64).")
    Path data;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Folder for checkpoints, logs and sample grids (default: ~/.cache/latent-studio/train/default).")
    Path work;

    @Option(names = "--resume", description = "Continue from the checkpoint in the work folder.")
    boolean resume;

    @Option(names = "--steps", paramLabel = "N", description = "Optimiser steps (default: the shipped model's).")
    Integer steps;

    @Option(names = "--batch", paramLabel = "N", description = "Pictures per step (default: the shipped model's).")
    Integer batch;

    @Option(names = "--log-every", paramLabel = "N", description = "Steps between progress lines (default: the stage's).")
    Integer logEvery;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of initialisation and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    Path dataDir() {
        return data != null ? data : DEFAULT_ROOT.resolve("datasets").resolve("emoji-64");
    }

    Path workDir() {
        return work != null ? work : DEFAULT_ROOT.resolve("train").resolve("default");
    }
}
