package studio.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import studio.engine.image.RgbImage;

/** The shape figure's matcher: it names shapes whatever their colour, and measures its own error. */
class ShapeMatchTest {
    private static final int SIZE = 64;

    private static RgbImage shape(BiPredicate<Integer, Integer> inside, int rgb, int shift) {
        int[] px = new int[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                px[y * SIZE + x] = inside.test(x - shift, y) ? 0xFF000000 | rgb : 0xFFFFFFFF;
            }
        }
        return new RgbImage(SIZE, SIZE, px);
    }

    private static final BiPredicate<Integer, Integer> DISC = (x, y) -> Math.hypot(x - 32, y - 32) < 20;
    private static final BiPredicate<Integer, Integer> BAR = (x, y) -> Math.abs(y - 32) < 6 && Math.abs(x - 32) < 26;
    private static final BiPredicate<Integer, Integer> TRIANGLE = (x, y) -> y > 12 && y < 54 && Math.abs(x - 32) < (y - 12) / 2;

    private static ShapeMatch matcher() {
        Map<String, List<RgbImage>> refs = new LinkedHashMap<>();
        refs.put("disc", List.of(shape(DISC, 0xD02020, 0), shape(DISC, 0xE0A000, 2), shape(DISC, 0x208020, -2)));
        refs.put("bar", List.of(shape(BAR, 0xD02020, 0), shape(BAR, 0xE0A000, 2), shape(BAR, 0x208020, -2)));
        refs.put("triangle", List.of(shape(TRIANGLE, 0xD02020, 0), shape(TRIANGLE, 0xE0A000, 2),
                shape(TRIANGLE, 0x208020, -2)));
        return new ShapeMatch(refs);
    }

    @Test
    void aShapeIsNamedWhateverItsColour() {
        ShapeMatch m = matcher();
        assertEquals("disc", m.nearest(shape(DISC, 0x2040E0, 1)), "a blue disc is a disc");
        assertEquals("bar", m.nearest(shape(BAR, 0x8020C0, 1)), "a purple bar is a bar");
        assertEquals("triangle", m.nearest(shape(TRIANGLE, 0x2040E0, -1)));
    }

    @Test
    void itsOwnErrorIsMeasuredLeaveOneOut() {
        assertEquals(1.0, matcher().leaveOneOutAccuracy(), 1e-9, "well-separated shapes in three colours each");
        Map<String, List<RgbImage>> confusable = new LinkedHashMap<>();
        confusable.put("a", List.of(shape(DISC, 0xD02020, 0), shape(BAR, 0xD02020, 0)));
        confusable.put("b", List.of(shape(DISC, 0x2040E0, 1), shape(BAR, 0x2040E0, 1)));
        assertEquals(0.0, new ShapeMatch(confusable).leaveOneOutAccuracy(), 1e-9,
                "names that differ only in colour cannot be told apart by a hue-blind matcher");
    }
}
