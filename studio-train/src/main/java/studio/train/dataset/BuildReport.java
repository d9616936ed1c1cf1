package studio.train.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a dataset build produced.
 *
 * @param outDir        the dataset folder
 * @param sets          per set: pictures written, skips by reason, problem lines
 * @param trainImages   pictures in the train split
 * @param heldoutImages pictures in the held-out split
 * @param trainNames    distinct names in train
 * @param heldoutNames  distinct names held out (none of them is in train)
 * @param bytes         size of the folder on disk
 * @param seconds       wall time of the build
 */
public record BuildReport(Path outDir, List<SetReport> sets, int trainImages, int heldoutImages, int trainNames,
                          int heldoutNames, long bytes, double seconds) {

    /**
     * @param written the pictures of this set in the dataset
     * @param skipped how many pictures were left out, by reason
     * @param notes   the files that failed to render or had no name, one line each
     */
    public record SetReport(EmojiSet set, int written, Map<SkipReason, Integer> skipped, List<String> notes) {
    }
}
