package studio.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import studio.engine.train.ImageBank;
import studio.engine.train.UNetTraining;
import studio.engine.train.dataset.EmojiDataset;
import studio.engine.train.dataset.Split;
import studio.engine.train.dataset.WordVocabulary;

/** {@code studio train unet}: stage 2, the text-conditioned U-Net on frozen latents. */
@Command(name = "unet", mixinStandardHelpOptions = true,
        description = "Stage 2: train the U-Net and text encoder of the default model on the frozen autoencoder's latents.")
public final class TrainUNetCommand implements Callable<Integer> {
    @Mixin
    TrainOptions options;

    @Override
    public Integer call() throws Exception {
        EmojiDataset dataset = EmojiDataset.open(options.dataDir());
        ImageBank train = ImageBank.load(dataset, Split.TRAIN);
        WordVocabulary vocabulary = dataset.vocabulary(Split.TRAIN);
        System.out.printf("U-Net: %d training pictures, %d caption words%n", train.count(), vocabulary.size());
        UNetTraining.Settings d = UNetTraining.Settings.defaults();
        UNetTraining.Settings s = new UNetTraining.Settings(options.steps != null ? options.steps : d.steps(),
                options.batch != null ? options.batch : d.batch(), d.lr(), d.captionDropout(),
                options.logEvery != null ? options.logEvery : d.logEvery(), d.checkpointEvery(), d.sampleEvery(),
                options.seed);
        new UNetTraining(s, options.workDir(), System.out).run(train, vocabulary, options.resume);
        return StudioCommand.EXIT_OK;
    }
}
