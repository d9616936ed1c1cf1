package studio.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the two training stages: their folders, resume, and the run's length and batch. */
public final class TrainOptions {
    @Mixin
    TrainFolders folders;

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
        return folders.dataDir();
    }

    Path workDir() {
        return folders.workDir();
    }
}
