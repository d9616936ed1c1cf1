package studio.engine.edit;

import java.util.SplittableRandom;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * The one outpainting preparation, for the studio's frame and the command line's margins alike:
 * the empty pixels of a canvas (alpha 0) are pre-filled and masked, and the mask reaches
 * {@code overlap} pixels back into the picture with a linear ramp, so the seam is repainted and
 * blended. Picture pixels further than the band from any empty pixel keep mask 0 (or the user's
 * painted mask) and therefore stay exactly as they were.
 *
 * <p>The ramp is {@code 1 - (d - 1) / overlap} for a picture pixel at chessboard distance {@code d}
 * from the nearest empty pixel (1 next to it, reaching 0 at {@code overlap + 1}).
 */
public final class OutpaintPreparation {
    /** Widest seam band the studio uses; small frames get a narrower one (an eighth of their short side). */
    public static final int MAX_BAND = 32;
    public static final int MIN_BAND = 8;

    private OutpaintPreparation() {
    }

    /** The init image (opaque) and the mask of an outpainting request. */
    public record Prepared(RgbImage image, GrayImage mask) {
    }

    /** The seam band for an outpainted area of this size when the user gives none. */
    public static int defaultOverlap(int width, int height) {
        return Math.max(MIN_BAND, Math.min(MAX_BAND, Math.min(width, height) / 8));
    }

    /**
     * @param argb     the canvas, {@code width × height}, alpha 0 where it is empty (not changed)
     * @param userMask the user's own painted mask over the canvas, or null; it is kept where it is higher
     * @param fill     how the empty pixels are pre-filled
     * @param overlap  the seam band in pixels (0: none)
     * @param seed     for {@link OutpaintFill#NOISE}
     */
    public static Prepared prepare(int[] argb, int width, int height, float[] userMask, OutpaintFill fill,
                                   int overlap, long seed) {
        int n = width * height;
        boolean[] empty = new boolean[n];
        boolean anyPicture = false;
        for (int i = 0; i < n; i++) {
            empty[i] = (argb[i] >>> 24) == 0;
            anyPicture |= !empty[i];
        }
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = argb[i] | 0xFF000000;
        }
        if (anyPicture) {
            fill(px, empty, width, height, fill, seed);
        }
        int[] distance = chessboardDistanceToEmpty(empty, width, height);
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            float seam = empty[i] ? 1f : distance[i] <= overlap ? 1f - (float) (distance[i] - 1) / overlap : 0f;
            mask[i] = userMask == null ? seam : Math.max(seam, userMask[i]);
        }
        return new Prepared(new RgbImage(width, height, px), new GrayImage(width, height, mask));
    }

    private static void fill(int[] px, boolean[] empty, int w, int h, OutpaintFill fill, long seed) {
        switch (fill) {
            case EXTEND -> nearestPicturePixel(px, empty, w, h);
            case MIRROR -> mirrorAcrossPicture(px, empty, w, h);
            case NOISE -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < px.length; i++) {
                    if (empty[i]) {
                        px[i] = 0xFF000000 | random.nextInt(0x1000000);
                    }
                }
            }
            case COLOUR -> {
                int mean = meanColour(px, empty);
                for (int i = 0; i < px.length; i++) {
                    if (empty[i]) {
                        px[i] = mean;
                    }
                }
            }
        }
    }

    /**
     * Gives each empty pixel the colour of the nearest picture pixel in its row; rows without
     * picture copy the nearest row that has some. Linear time; for a rectangular picture this is the
     * nearest edge pixel (coordinates clamped into the picture).
     */
    static void nearestPicturePixel(int[] px, boolean[] empty, int w, int h) {
        boolean[] rowHasPicture = new boolean[h];
        int[] dist = new int[w];
        int[] src = new int[w];
        for (int y = 0; y < h; y++) {
            int base = y * w;
            int last = -1;
            for (int x = 0; x < w; x++) {
                if (!empty[base + x]) {
                    last = x;
                }
                src[x] = last;
                dist[x] = last < 0 ? Integer.MAX_VALUE : x - last;
            }
            if (last < 0) {
                continue;
            }
            rowHasPicture[y] = true;
            int next = -1;
            for (int x = w - 1; x >= 0; x--) {
                if (!empty[base + x]) {
                    next = x;
                }
                if (next >= 0 && next - x < dist[x]) {
                    src[x] = next;
                }
            }
            for (int x = 0; x < w; x++) {
                if (empty[base + x]) {
                    px[base + x] = px[base + src[x]];
                }
            }
        }
        int[] nearestRow = new int[h];
        int last = -1;
        for (int y = 0; y < h; y++) {
            if (rowHasPicture[y]) {
                last = y;
            }
            nearestRow[y] = last;
        }
        int next = -1;
        for (int y = h - 1; y >= 0; y--) {
            if (rowHasPicture[y]) {
                next = y;
            }
            if (next >= 0 && (nearestRow[y] < 0 || next - y < y - nearestRow[y])) {
                nearestRow[y] = next;
            }
        }
        for (int y = 0; y < h; y++) {
            if (!rowHasPicture[y] && nearestRow[y] >= 0) {
                System.arraycopy(px, nearestRow[y] * w, px, y * w, w);
            }
        }
    }

    /**
     * Reflects the picture across the edges of its bounding box. Where the reflection lands on an
     * empty pixel (a picture that is not a rectangle), the nearest picture pixel is used instead.
     */
    private static void mirrorAcrossPicture(int[] px, boolean[] empty, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!empty[y * w + x]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        int[] source = px.clone();
        nearestPicturePixel(px, empty, w, h);
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (empty[i]) {
                    int j = (y0 + mirror(y - y0, bh)) * w + x0 + mirror(x - x0, bw);
                    if (!empty[j]) {
                        px[i] = source[j];
                    }
                }
            }
        }
    }

    private static int mirror(int v, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(v, period);
        return m < n ? m : period - m;
    }

    private static int meanColour(int[] px, boolean[] empty) {
        long r = 0;
        long g = 0;
        long b = 0;
        long count = 0;
        for (int i = 0; i < px.length; i++) {
            if (!empty[i]) {
                r += (px[i] >> 16) & 0xFF;
                g += (px[i] >> 8) & 0xFF;
                b += px[i] & 0xFF;
                count++;
            }
        }
        return 0xFF000000 | (int) (r / count) << 16 | (int) (g / count) << 8 | (int) (b / count);
    }

    /**
     * Chessboard (8-neighbour) distance of every pixel to the nearest empty one, by the two-pass
     * chamfer transform (exact for this metric); 0 on empty pixels, a large value when none is empty.
     */
    static int[] chessboardDistanceToEmpty(boolean[] empty, int w, int h) {
        int far = Integer.MAX_VALUE / 2;
        int[] d = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (empty[i]) {
                    d[i] = 0;
                    continue;
                }
                int best = far;
                if (x > 0) {
                    best = Math.min(best, d[i - 1] + 1);
                }
                if (y > 0) {
                    best = Math.min(best, d[i - w] + 1);
                    if (x > 0) {
                        best = Math.min(best, d[i - w - 1] + 1);
                    }
                    if (x < w - 1) {
                        best = Math.min(best, d[i - w + 1] + 1);
                    }
                }
                d[i] = best;
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1; x >= 0; x--) {
                int i = y * w + x;
                int best = d[i];
                if (x < w - 1) {
                    best = Math.min(best, d[i + 1] + 1);
                }
                if (y < h - 1) {
                    best = Math.min(best, d[i + w] + 1);
                    if (x < w - 1) {
                        best = Math.min(best, d[i + w + 1] + 1);
                    }
                    if (x > 0) {
                        best = Math.min(best, d[i + w - 1] + 1);
                    }
                }
                d[i] = best;
            }
        }
        return d;
    }
}
