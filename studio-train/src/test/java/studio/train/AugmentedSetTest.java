package studio.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studio.train.augment.Pictures;

/** The augmented set holds the copies the recipe asks for, captioned truthfully, and draws in its shares. */
class AugmentedSetTest {
    private static final int SIZE = 32;

    private static ImageBank bank() {
        return ImageBank.of(new float[][] {
                Pictures.disc(SIZE, 220, 30, 40), Pictures.disc(SIZE, 250, 200, 30), Pictures.disc(SIZE, 200, 20, 30),
                Pictures.disc(SIZE, 90, 90, 90)},
                new String[] {"red heart, noto style", "star, noto style", "red apple, fluent style", "rock, noto style"},
                SIZE);
    }

    @Test
    void onlyOneHuePicturesOutsideTheHeldOutObjectsAreRecolouredAndTheirCaptionsSaySo() {
        AugmentedSet set = AugmentedSet.of(bank(), AugmentedSet.Recipe.defaults());
        int[] sizes = set.groupSizes();
        assertEquals(4, sizes[AugmentedSet.ORIGINAL]);
        assertEquals(3, sizes[AugmentedSet.RECOLOURED], "three targets for the heart; star and apple are held out, the "
                + "grey rock has no hue");
        assertEquals(4, sizes[AugmentedSet.MOVED]);
        Set<String> captions = new HashSet<>();
        for (int i = 4; i < 7; i++) {
            String caption = set.bank().caption(i);
            assertTrue(caption.matches("(red|orange|yellow|green|blue|purple) heart, noto style"), caption);
            captions.add(caption);
        }
        assertEquals(3, captions.size(), "three different colours");
        for (int i = 7; i < 11; i++) {
            assertEquals(set.bank().caption(i - 7), set.bank().caption(i), "a moved copy keeps its caption");
        }
    }

    @Test
    void batchesFollowTheRecipesShares() {
        AugmentedSet set = AugmentedSet.of(bank(), AugmentedSet.Recipe.defaults());
        int[] counts = new int[3];
        Random random = new Random(5);
        int n = 0;
        for (int b = 0; b < 200; b++) {
            for (int i : set.draw(random, 32)) {
                counts[i < 4 ? 0 : i < 7 ? 1 : 2]++;
                n++;
            }
        }
        assertEquals(0.5, counts[0] / (double) n, 0.02);
        assertEquals(0.3, counts[1] / (double) n, 0.02);
        assertEquals(0.2, counts[2] / (double) n, 0.02);
        AugmentedSet plain = AugmentedSet.of(bank(), AugmentedSet.Recipe.none());
        assertArrayEquals(new int[] {4, 0, 0}, plain.groupSizes());
        assertFalse(plain.mirrors(random, new int[] {0, 1, 2, 3})[0], "the plain recipe never mirrors");
    }

    @Test
    void captionsThatAMirrorWouldFalsifyAreNeverMirrored() {
        assertFalse(AugmentedSet.mirrorable("left arrow, noto style"));
        assertFalse(AugmentedSet.mirrorable("up-right arrow, noto style"));
        assertFalse(AugmentedSet.mirrorable("one oclock, noto style"));
        assertFalse(AugmentedSet.mirrorable("sos button, noto style"));
        assertFalse(AugmentedSet.mirrorable("person walking facing right, fluent style"));
        assertTrue(AugmentedSet.mirrorable("cat face, fluent style"));
        assertTrue(AugmentedSet.mirrorable("red apple, noto style"));
    }
}
