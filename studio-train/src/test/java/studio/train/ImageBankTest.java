package studio.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Autoencoder crops: flat white windows, which made GroupNorm's gradient blow up, are redrawn. */
class ImageBankTest {
    private static final int SIZE = 64;
    private static final int CROP = 32;

    /** A white picture with a red 6×6 square near its bottom-right corner, as many emoji margins are. */
    private static float[] whiteWithPatch() {
        float[] img = new float[3 * SIZE * SIZE];
        Arrays.fill(img, 1f);
        for (int y = 40; y < 46; y++) {
            for (int x = 40; x < 46; x++) {
                img[SIZE * SIZE + y * SIZE + x] = -1f; // green off
                img[2 * SIZE * SIZE + y * SIZE + x] = -1f; // blue off
            }
        }
        return img;
    }

    @Test
    void flatWindowsAreRedrawnSoAlmostEveryCropShowsSomething() {
        float[] img = whiteWithPatch();
        ImageBank bank = ImageBank.of(new float[][] {img}, new String[] {"red square"}, SIZE);
        int positions = SIZE - CROP + 1;
        int flatPositions = 0;
        for (int y = 0; y < positions; y++) {
            for (int x = 0; x < positions; x++) {
                flatPositions += bank.isFlat(img, x, y, CROP) ? 1 : 0;
            }
        }
        double flatShare = (double) flatPositions / (positions * positions);
        assertTrue(flatShare > 0.4, "uniform windows would often be flat here: " + flatShare);

        int crops = 400;
        int flat = 0;
        Random random = new Random(3);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < crops / 16; i++) {
                float[] batch = bank.cropBatch(m, new int[16], CROP, random).toFloatArray();
                for (int b = 0; b < 16; b++) {
                    float[] crop = Arrays.copyOfRange(batch, b * 3 * CROP * CROP, (b + 1) * 3 * CROP * CROP);
                    float min = 1f;
                    for (float v : crop) {
                        min = Math.min(min, v);
                    }
                    flat += min == 1f ? 1 : 0;
                }
            }
        }
        assertTrue(flat <= crops / 50, flat + " of " + crops + " crops were flat white (uniform: " + flatShare + ")");
    }

    @Test
    void aPictureWithNothingButMarginStillGivesItsCrops() {
        float[] white = new float[3 * SIZE * SIZE];
        Arrays.fill(white, 1f);
        ImageBank bank = ImageBank.of(new float[][] {white}, new String[] {"blank"}, SIZE);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray crops = bank.cropBatch(m, new int[4], CROP, new Random(1));
            assertArrayEquals(new long[] {4, 3, CROP, CROP}, crops.getShape().getShape());
            float[] values = crops.toFloatArray();
            int whiteValues = 0;
            for (float v : values) {
                whiteValues += v == 1f ? 1 : 0;
            }
            assertEquals(values.length, whiteValues);
        }
    }
}
