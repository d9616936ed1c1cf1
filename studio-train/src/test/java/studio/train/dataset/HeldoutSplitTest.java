package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.engine.api.InvalidRequestException;

class HeldoutSplitTest {
    @Test
    void holdsOutAboutTheAskedShareOfNames() {
        HeldoutSplit split = new HeldoutSplit(0.05);
        int heldout = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            if (split.of("name " + i) == Split.HELDOUT) {
                heldout++;
            }
        }
        double share = heldout / (double) n;
        assertTrue(share > 0.045 && share < 0.055, "held out " + share);
    }

    @Test
    void sameNameSameSplitOnEveryInstance() {
        for (int i = 0; i < 500; i++) {
            String name = "emoji " + i;
            assertEquals(new HeldoutSplit(0.1).of(name), new HeldoutSplit(0.1).of(name), name);
        }
        // Pinned values, from Python: int.from_bytes(sha256(name).digest()[:8], "big") >> 11 / 2**53.
        // The split must not change between releases, or a model's held-out names leak into training.
        assertEquals(0.3166292198055891, HeldoutSplit.position("red apple"), 1e-15);
        assertEquals(0.3806830661913746, HeldoutSplit.position("grinning face with big eyes"), 1e-15);
    }

    @Test
    void aLargerFractionOnlyAddsHeldOutNames() {
        HeldoutSplit small = new HeldoutSplit(0.05);
        HeldoutSplit large = new HeldoutSplit(0.2);
        for (int i = 0; i < 2000; i++) {
            String name = "n" + i;
            if (small.of(name) == Split.HELDOUT) {
                assertEquals(Split.HELDOUT, large.of(name), name);
            }
        }
    }

    @Test
    void zeroHoldsOutNothingAndBadFractionsAreRefused() {
        HeldoutSplit none = new HeldoutSplit(0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(Split.TRAIN, none.of("x" + i));
        }
        assertThrows(InvalidRequestException.class, () -> new HeldoutSplit(-0.1));
        assertThrows(InvalidRequestException.class, () -> new HeldoutSplit(0.75));
        assertThrows(InvalidRequestException.class, () -> new HeldoutSplit(Double.NaN));
    }
}
