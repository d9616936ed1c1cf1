package studio.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import studio.train.DefaultModelConfig;
import studio.train.ImageBank;
import studio.train.VaeTraining;
import studio.train.dataset.EmojiDataset;
import studio.train.dataset.Split;

/** {@code studio train vae}: stage 1, the autoencoder. */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = "Stage 1: train the KL autoencoder of the default model on the emoji dataset.")
public final class TrainVaeCommand implements Callable<Integer> {
    @Mixin
    TrainOptions options;

    @Override
    public Integer call() throws Exception {
        EmojiDataset dataset = EmojiDataset.open(options.dataDir());
        ImageBank train = ImageBank.load(dataset, Split.TRAIN);
        ImageBank heldout = ImageBank.load(dataset, Split.HELDOUT);
        System.out.printf("autoencoder: %d training and %d held-out pictures of %d px%n", train.count(),
                heldout.count(), train.imageSize());
        VaeTraining.Settings d = VaeTraining.Settings.defaults();
        VaeTraining.Settings s = new VaeTraining.Settings(options.steps != null ? options.steps : d.steps(),
                options.batch != null ? options.batch : d.batch(), d.crop(), d.lr(), d.klWeight(), options.logEvery != null ? options.logEvery : d.logEvery(),
                d.checkpointEvery(), d.sampleEvery(), options.seed);
        new VaeTraining(DefaultModelConfig.vae(), s, options.workDir(), System.out).run(train, heldout, options.resume);
        return StudioCommand.EXIT_OK;
    }
}
