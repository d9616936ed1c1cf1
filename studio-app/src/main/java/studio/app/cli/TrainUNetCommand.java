package studio.app.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studio.engine.api.InvalidRequestException;
import studio.engine.text.WordVocabulary;
import studio.train.AugmentedSet;
import studio.train.ImageBank;
import studio.train.UNetTraining;
import studio.train.dataset.EmojiDataset;
import studio.train.dataset.ManifestEntry;
import studio.train.dataset.Split;

/** {@code studio train unet}: stage 2, the text-conditioned U-Net on frozen latents. */
@Command(name = "unet", mixinStandardHelpOptions = true,
        description = "Stage 2: train the U-Net and text encoder of the default model on the frozen autoencoder's latents.")
public final class TrainUNetCommand implements Callable<Integer> {
    @Mixin
    TrainOptions options;

    @Option(names = "--categories", paramLabel = "LIST", split = ",",
            description = "Train on these emoji categories only (e.g. \"Food & Drink,Animals & Nature\"); the caption "
                    + "vocabulary stays that of the whole dataset, so a checkpoint can be resumed with or without them.")
    List<String> categories;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Peak learning rate (default: 5e-4; a run started from a release with 'train init' does better lower).")
    Float lr;

    @Option(names = "--no-augment",
            description = "Train on the pictures as they are: no recoloured, moved or mirrored copies (the first edition's recipe).")
    boolean noAugment;

    @Override
    public Integer call() throws Exception {
        EmojiDataset dataset = EmojiDataset.open(options.dataDir());
        ImageBank train = ImageBank.load(dataset, Split.TRAIN, keep(dataset));
        WordVocabulary vocabulary = dataset.vocabulary(Split.TRAIN);
        System.out.printf("U-Net: %d training pictures, %d caption words%n", train.count(), vocabulary.size());
        UNetTraining.Settings d = UNetTraining.Settings.defaults();
        UNetTraining.Settings s = new UNetTraining.Settings(options.steps != null ? options.steps : d.steps(),
                options.batch != null ? options.batch : d.batch(), lr != null ? lr : d.lr(), d.captionDropout(),
                options.logEvery != null ? options.logEvery : d.logEvery(), d.checkpointEvery(), d.sampleEvery(),
                options.seed);
        AugmentedSet set = AugmentedSet.of(train, noAugment ? AugmentedSet.Recipe.none() : AugmentedSet.Recipe.defaults());
        new UNetTraining(s, options.workDir(), System.out).run(set, vocabulary, options.resume);
        return StudioCommand.EXIT_OK;
    }

    private Predicate<ManifestEntry> keep(EmojiDataset dataset) {
        if (categories == null || categories.isEmpty()) {
            return e -> true;
        }
        Set<String> known = new TreeSet<>();
        dataset.entries(Split.TRAIN).forEach(e -> known.add(e.category()));
        Set<String> wanted = new HashSet<>();
        for (String c : categories) {
            String name = c.strip();
            if (!known.contains(name)) {
                throw new InvalidRequestException("--categories: no category '" + name + "' in " + options.dataDir()
                        + "; it has " + String.join(", ", known));
            }
            wanted.add(name);
        }
        return e -> wanted.contains(e.category());
    }
}
