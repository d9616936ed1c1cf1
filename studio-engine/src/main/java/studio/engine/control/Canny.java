package studio.engine.control;

import java.util.ArrayDeque;
import studio.engine.image.RgbImage;

/**
 * The Canny edge detector with OpenCV's {@code cv2.Canny(image, low, high)} semantics (aperture 3, L1
 * gradient), which the ControlNet canny models were trained on: for an RGB image, per pixel the
 * channel with the largest |dx| + |dy| gives the gradient; 3×3 Sobel with replicated borders;
 * non-maximum suppression in four directions with OpenCV's tan 22.5° fixed-point test and its
 * asymmetric comparisons (strict on one side); hysteresis from pixels above {@code high} through
 * 8-connected pixels above {@code low}.
 *
 * <p>Written here rather than taken from a JVM imaging library: the JVM libraries with a Canny
 * (BoofCV, JavaCV's OpenCV bindings) are many megabytes or native, and BoofCV's thresholds and
 * smoothing differ from OpenCV's; the models expect OpenCV's edges, and this is 150 lines.
 * Tested pixel for pixel against OpenCV 4.6's {@code cv2.Canny} ({@code CannyTest}).
 */
public final class Canny {
    private static final int SHIFT = 15;
    /** tan(22.5°) in 15-bit fixed point, as OpenCV rounds it. */
    private static final int TG22 = (int) (0.4142135623730950488016887242097 * (1 << SHIFT) + 0.5);
    private static final byte NOT_EDGE = 1;
    private static final byte MAYBE = 0;
    private static final byte EDGE = 2;

    private Canny() {
    }

    /** White (255) edges on black, the image's size. */
    public static RgbImage edges(RgbImage image, int low, int high) {
        if (low > high) {
            int t = low;
            low = high;
            high = t;
        }
        int w = image.width();
        int h = image.height();
        int[] px = image.pixels();
        int[] dx = new int[w * h];
        int[] dy = new int[w * h];
        // padded by one zero on every side, as OpenCV's magnitude buffer
        int pw = w + 2;
        int[] mag = new int[pw * (h + 2)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int best = -1;
                int bx = 0;
                int by = 0;
                for (int shift = 16; shift >= 0; shift -= 8) { // R, G, B: the first of equal magnitudes wins
                    int gx = channel(px, w, h, x + 1, y - 1, shift) + 2 * channel(px, w, h, x + 1, y, shift)
                            + channel(px, w, h, x + 1, y + 1, shift) - channel(px, w, h, x - 1, y - 1, shift)
                            - 2 * channel(px, w, h, x - 1, y, shift) - channel(px, w, h, x - 1, y + 1, shift);
                    int gy = channel(px, w, h, x - 1, y + 1, shift) + 2 * channel(px, w, h, x, y + 1, shift)
                            + channel(px, w, h, x + 1, y + 1, shift) - channel(px, w, h, x - 1, y - 1, shift)
                            - 2 * channel(px, w, h, x, y - 1, shift) - channel(px, w, h, x + 1, y - 1, shift);
                    int m = Math.abs(gx) + Math.abs(gy);
                    if (m > best) {
                        best = m;
                        bx = gx;
                        by = gy;
                    }
                }
                dx[y * w + x] = bx;
                dy[y * w + x] = by;
                mag[(y + 1) * pw + x + 1] = best;
            }
        }
        byte[] map = new byte[w * h];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int c = (y + 1) * pw + x + 1;
                int m = mag[c];
                map[i] = NOT_EDGE;
                if (m <= low) {
                    continue;
                }
                int xs = dx[i];
                int ys = dy[i];
                long ax = Math.abs(xs);
                long ay = (long) Math.abs(ys) << SHIFT;
                long tg22x = ax * TG22;
                boolean peak;
                if (ay < tg22x) { // near horizontal gradient: compare left and right
                    peak = m > mag[c - 1] && m >= mag[c + 1];
                } else {
                    long tg67x = tg22x + (ax << (SHIFT + 1));
                    if (ay > tg67x) { // near vertical: above and below
                        peak = m > mag[c - pw] && m >= mag[c + pw];
                    } else { // diagonal, along the gradient's sign
                        int s = (xs ^ ys) < 0 ? -1 : 1;
                        peak = m > mag[c - pw - s] && m > mag[c + pw + s];
                    }
                }
                if (peak) {
                    if (m > high) {
                        map[i] = EDGE;
                        stack.push(i);
                    } else {
                        map[i] = MAYBE;
                    }
                }
            }
        }
        while (!stack.isEmpty()) {
            int i = stack.pop();
            int x = i % w;
            int y = i / w;
            for (int ny = y - 1; ny <= y + 1; ny++) {
                for (int nx = x - 1; nx <= x + 1; nx++) {
                    // OpenCV's map has a border that is never an edge: the image's outermost pixels may be
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                        continue;
                    }
                    int j = ny * w + nx;
                    if (map[j] == MAYBE) {
                        map[j] = EDGE;
                        stack.push(j);
                    }
                }
            }
        }
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = map[i] == EDGE ? 0xFFFFFFFF : 0xFF000000;
        }
        return new RgbImage(w, h, out);
    }

    /** One 8-bit channel at (x, y), borders replicated. */
    private static int channel(int[] px, int w, int h, int x, int y, int shift) {
        int cx = Math.min(w - 1, Math.max(0, x));
        int cy = Math.min(h - 1, Math.max(0, y));
        return (px[cy * w + cx] >> shift) & 0xFF;
    }
}
