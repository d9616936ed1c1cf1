package studio.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studio.engine.api.InvalidRequestException;
import studio.train.ReleaseStart;
import studio.train.dataset.EmojiDataset;
import studio.train.dataset.Split;

/** {@code studio train init}: both stages' checkpoints from a released model, to train a new edition from it. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Start the work folder from a released default model (its autoencoder as stage 1, its U-Net and "
                + "text encoder as stage 2 at step 0); then 'studio train unet --resume'.")
public final class TrainInitCommand implements Callable<Integer> {
    @Mixin
    TrainFolders folders;

    @Option(names = "--from", paramLabel = "FILE", required = true,
            description = "The released emoji-ldm.safetensors, with vocabulary.json beside it.")
    Path from;

    @Override
    public Integer call() throws Exception {
        Path vocabulary = from.resolveSibling("vocabulary.json");
        if (!Files.isRegularFile(from) || !Files.isRegularFile(vocabulary)) {
            throw new InvalidRequestException("--from: " + from + " and vocabulary.json beside it are needed; "
                    + "give the emoji-ldm.safetensors of a release (assets/models/emoji-ldm)");
        }
        EmojiDataset dataset = EmojiDataset.open(folders.dataDir());
        ReleaseStart.write(from, vocabulary, dataset.vocabulary(Split.TRAIN), folders.workDir());
        System.out.println("started " + folders.workDir() + " from " + from + "; continue with 'studio train unet --resume'");
        return StudioCommand.EXIT_OK;
    }
}
