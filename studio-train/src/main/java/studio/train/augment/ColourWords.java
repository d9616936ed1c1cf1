package studio.train.augment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import studio.train.report.ColourAdherence;

/**
 * Rewrites the colour word of a caption ({@code "<name>, <style> style"}) for a recoloured picture.
 * A name that already says one of the measured colours has that word replaced; a name without a
 * colour word gets one in front ("star" → "blue star"), which is what teaches the words as modifiers
 * of any object. Names with a colour the hue classes cannot express (black, white, brown, pink, grey,
 * "light blue") are left alone: recolouring them would make the caption lie.
 */
public final class ColourWords {
    /** Colour words outside the measured hue classes. */
    static final Set<String> OTHER_COLOURS = Set.of("black", "white", "brown", "pink", "grey", "gray", "light", "dark",
            "gold", "silver");

    private ColourWords() {
    }

    /** The colour classes of {@link ColourAdherence}, in its order. */
    public static List<String> classes() {
        return List.copyOf(ColourAdherence.HUES.keySet());
    }

    /** The measured colour word the name holds, if exactly one and no unmeasurable colour word. */
    static Optional<String> namedColour(String name) {
        String found = null;
        for (String w : name.split(" ")) {
            if (OTHER_COLOURS.contains(w)) {
                return Optional.of("");
            }
            if (ColourAdherence.HUES.containsKey(w)) {
                if (found != null) {
                    return Optional.of("");
                }
                found = w;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The caption with the colour word {@code target}, or empty when this caption cannot carry one
     * honestly: it names an unmeasurable colour, two colours, or a colour other than the picture's own
     * {@code measured} class.
     */
    public static Optional<String> recoloured(String caption, String measured, String target) {
        int comma = caption.lastIndexOf(", ");
        String name = comma < 0 ? caption : caption.substring(0, comma);
        String tail = comma < 0 ? "" : caption.substring(comma);
        Optional<String> named = namedColour(name);
        if (named.isPresent()) {
            String word = named.get();
            if (word.isEmpty() || !word.equals(measured)) {
                return Optional.empty();
            }
            String[] words = name.split(" ");
            String[] out = Arrays.stream(words).map(w -> w.equals(word) ? target : w).toArray(String[]::new);
            return Optional.of(String.join(" ", out) + tail);
        }
        return Optional.of(target + " " + name + tail);
    }
}
