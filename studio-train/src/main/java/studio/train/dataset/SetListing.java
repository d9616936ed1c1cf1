package studio.train.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a package offers for one set: the named pictures found, and what was skipped and why. */
public final class SetListing {
    private final EmojiSet set;
    private final List<SourceImage> images = new ArrayList<>();
    private final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    private final List<String> unnamed = new ArrayList<>();

    SetListing(EmojiSet set) {
        this.set = set;
    }

    void add(SourceImage image) {
        images.add(image);
    }

    void skip(SkipReason reason) {
        skip(reason, 1);
    }

    void skip(SkipReason reason, int count) {
        skipped.merge(reason, count, Integer::sum);
    }

    /** Records an image whose name is not in the CLDR table, so the report can list it. */
    void unnamed(String what) {
        unnamed.add(what);
        skip(SkipReason.NO_NAME);
    }

    public EmojiSet set() {
        return set;
    }

    public List<SourceImage> images() {
        return Collections.unmodifiableList(images);
    }

    public Map<SkipReason, Integer> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    public List<String> unnamed() {
        return Collections.unmodifiableList(unnamed);
    }
}
