package studio.train.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Moved pictures stay on their white field: what is not the picture is white, exactly. */
class PlacementTest {
    private static final int SIZE = 64;

    private static int coloured(float[] img) {
        int plane = SIZE * SIZE;
        int n = 0;
        for (int p = 0; p < plane; p++) {
            if (img[p] < 0.9f || img[plane + p] < 0.9f || img[2 * plane + p] < 0.9f) {
                n++;
            }
        }
        return n;
    }

    @Test
    void shrunkPicturesCoverLessOfTheFieldAndLeaveTheirMarginsWhite() {
        float[] disc = Pictures.disc(SIZE, 220, 30, 40);
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            float[] moved = Placement.shrunk(disc, SIZE, random);
            int n = coloured(moved);
            assertTrue(n > 0 && n < coloured(disc) * Placement.MAX_SCALE * Placement.MAX_SCALE * 1.15,
                    "coloured pixels " + n + " of the original's " + coloured(disc));
        }
    }

    @Test
    void shiftedPicturesLeaveTheFrameInPartAndFillWithWhite() {
        float[] disc = Pictures.disc(SIZE, 30, 60, 220);
        float[] moved = Placement.pasted(disc, SIZE, SIZE, 30, 0);
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < 30; x++) {
                assertEquals(1f, moved[plane * 2 + y * SIZE + x], 0f, "left band, x=" + x);
            }
        }
        assertEquals(disc[plane + 32 * SIZE + 10], moved[plane + 32 * SIZE + 40], 0f, "moved by 30 px");
        assertTrue(coloured(moved) < coloured(disc), "part of the disc left the frame");
    }
}
