package studio.train.dataset;

import java.util.Locale;

/** The two parts of the dataset: pictures to train on, and names kept back to test on. */
public enum Split {
    TRAIN,
    HELDOUT;

    /** The name in the manifest: "train" or "heldout". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split byId(String id) {
        for (Split s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + id + "': expected train or heldout");
    }
}
