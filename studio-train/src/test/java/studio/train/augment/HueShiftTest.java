package studio.train.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import studio.train.report.ColourAdherence;

/** Recolouring keeps the picture and changes only the hue the colour word names. */
class HueShiftTest {
    private static final int SIZE = 32;

    @Test
    void aRedDiscRecolouredToEachClassIsMeasuredAsThatClassByTheReportsOwnMeasure() {
        float[] red = Pictures.disc(SIZE, 220, 30, 40);
        OptionalDouble hue = HueShift.dominantHue(red, SIZE);
        assertTrue(hue.isPresent());
        assertEquals("red", HueShift.classOf(hue.getAsDouble()));
        for (String target : ColourWords.classes()) {
            float[] recoloured = HueShift.recoloured(red, SIZE, hue.getAsDouble(), target);
            assertEquals(target, ColourAdherence.classify(Pictures.toRgb(recoloured, SIZE)), target);
        }
    }

    @Test
    void whiteAndGreyPixelsAreLeftExactlyAsTheyWere() {
        float[] img = Pictures.disc(SIZE, 30, 200, 40);
        int plane = SIZE * SIZE;
        img[0] = img[plane] = img[2 * plane] = 0.2f; // a grey pixel in the corner
        float[] blue = HueShift.recoloured(img, SIZE, HueShift.dominantHue(img, SIZE).getAsDouble(), "blue");
        for (int c = 0; c < 3; c++) {
            assertEquals(img[c * plane], blue[c * plane], 0f, "grey corner, channel " + c);
            assertEquals(1f, blue[c * plane + plane - 1], 0f, "white corner, channel " + c);
        }
    }

    @Test
    void yellowIsLiftedSoADarkGreenDoesNotTurnOlive() {
        float[] darkGreen = Pictures.disc(SIZE, 20, 110, 20);
        float[] yellow = HueShift.recoloured(darkGreen, SIZE, HueShift.dominantHue(darkGreen, SIZE).getAsDouble(),
                "yellow");
        int centre = (SIZE / 2) * SIZE + SIZE / 2;
        float brightness = Math.max(yellow[centre], yellow[SIZE * SIZE + centre]);
        assertTrue(brightness > 0.6f, "brightest channel of the centre in [-1, 1]: " + brightness);
    }

    @Test
    void aPictureOfTwoHuesHasNoSingleColourToChange() {
        float[] img = Pictures.disc(SIZE, 220, 30, 40);
        int plane = SIZE * SIZE;
        for (int p = 0; p < plane / 2; p++) { // the top half of the disc blue
            if (img[plane + p] < 0.5f) { // a disc pixel: its green is low
                img[p] = 30 / 127.5f - 1f;
                img[plane + p] = 60 / 127.5f - 1f;
                img[2 * plane + p] = 220 / 127.5f - 1f;
            }
        }
        assertTrue(HueShift.dominantHue(img, SIZE).isEmpty());
        assertTrue(HueShift.dominantHue(Pictures.white(SIZE), SIZE).isEmpty(), "a blank picture has no hue");
    }

    @Test
    void turnsTakeTheShortWayRound() {
        assertEquals(-60, HueShift.turn(10, 310), 1e-9);
        assertEquals(160, HueShift.turn(120, 280), 1e-9);
        assertEquals(180, HueShift.turn(0, 180), 1e-9);
    }
}
