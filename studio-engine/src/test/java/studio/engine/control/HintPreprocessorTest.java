package studio.engine.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import studio.engine.api.ControlUnit;
import studio.engine.image.RgbImage;

/** The weight-free preprocessors: scribble by the original demo's rule, invert, none. */
class HintPreprocessorTest {
    private static final RgbImage SKETCH = new RgbImage(4, 1,
            new int[] {0xFFFFFFFF, 0xFF7E7E7E, 0xFF7F7F7F, 0xFFFF2080});

    @Test
    void scribbleMarksPixelsWhoseDarkestChannelIsBelow127() {
        assertArrayEquals(new int[] {0xFF000000, 0xFFFFFFFF, 0xFF000000, 0xFFFFFFFF},
                HintPreprocessor.scribble(SKETCH).pixels());
    }

    @Test
    void lineartInvertIsTheNegative() {
        assertArrayEquals(new int[] {0xFF000000, 0xFF818181, 0xFF808080, 0xFF00DF7F},
                HintPreprocessor.apply(ControlUnit.of("m", SKETCH, "lineart-invert"), SKETCH).pixels());
    }

    @Test
    void noneKeepsTheImage() {
        assertArrayEquals(SKETCH.pixels(), HintPreprocessor.apply(ControlUnit.of("m", SKETCH, "none"), SKETCH).pixels());
    }
}
