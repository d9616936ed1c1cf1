package studio.train.dataset;

import java.util.List;

/**
 * The dataset's {@code dataset.json}: how it was built (size, background, split) and what each set is
 * and owes (package, version, licence, attribution), so a trained model can carry its credits.
 *
 * @param format          always {@value #FORMAT}
 * @param size            width and height of every picture
 * @param background      the flat background as "#rrggbb"
 * @param heldoutFraction share of names held out
 * @param names           the npm package (name@version) of the CLDR names behind the captions
 * @param sets            the sets, in build order
 * @param trainImages     pictures in the train split
 * @param heldoutImages   pictures in the held-out split
 */
public record DatasetInfo(String format, int size, String background, double heldoutFraction, String names,
                          List<SetInfo> sets, int trainImages, int heldoutImages) {
    public static final String FORMAT = "latent-studio-emoji-dataset-1";

    /** One set as built: its style word, where it came from, its licence and how many pictures it gave. */
    public record SetInfo(String style, String source, String sourceVersion, String licence, String attribution,
                          int images) {
    }
}
