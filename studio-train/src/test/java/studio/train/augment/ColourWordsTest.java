package studio.train.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A recoloured picture's caption names its new colour, or the picture is not recoloured at all. */
class ColourWordsTest {
    @Test
    void theNamedColourIsReplacedAndAColourlessNameGetsOne() {
        assertEquals(Optional.of("blue heart, noto style"), ColourWords.recoloured("red heart, noto style", "red", "blue"));
        assertEquals(Optional.of("purple dotted six pointed star, fluent style"),
                ColourWords.recoloured("dotted six pointed star, fluent style", "yellow", "purple"));
        assertEquals(Optional.of("yellow fire, twemoji style"), ColourWords.recoloured("fire, twemoji style", "orange",
                "yellow"));
    }

    @Test
    void captionsThatWouldLieAreRefused() {
        assertTrue(ColourWords.recoloured("light blue heart, noto style", "blue", "red").isEmpty(), "light blue");
        assertTrue(ColourWords.recoloured("black cat, noto style", "orange", "red").isEmpty(), "unmeasurable colour");
        assertTrue(ColourWords.recoloured("red heart, noto style", "blue", "green").isEmpty(),
                "the word disagrees with the measured hue");
    }
}
