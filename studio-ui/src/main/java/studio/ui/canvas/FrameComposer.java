package studio.ui.canvas;

import studio.engine.api.GenerationRequest.Mode;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * Decides the flow from where the frame sits (InvokeAI's rule: one canvas, four flows) and cuts
 * the request's inputs out of the canvas:
 * <ul>
 *   <li>frame over no picture: text to image;</li>
 *   <li>frame fully over picture, no mask painted inside it: image to image;</li>
 *   <li>frame fully over picture with a painted mask inside it: inpaint;</li>
 *   <li>frame partly over picture: outpaint — the empty part is filled from the nearest picture
 *       pixels and masked, together with a band of the picture along the seam so the new area
 *       blends into the old.</li>
 * </ul>
 */
public final class FrameComposer {
    /** Widest overlap band in pixels; small frames get a narrower band (an eighth of their short side). */
    static final int MAX_BAND = 32;
    static final int MIN_BAND = 8;

    private FrameComposer() {
    }

    /** The flow for this frame, cheap enough to run on every frame move. */
    public static Mode mode(ImageLayer image, MaskLayer mask, Rect frame) {
        long covered = image.countCovered(frame);
        if (covered == 0) {
            return Mode.TXT2IMG;
        }
        if (covered < frame.area()) {
            return Mode.OUTPAINT;
        }
        return mask.isEmptyIn(frame) ? Mode.IMG2IMG : Mode.INPAINT;
    }

    /** The mode and the init image and mask under the frame. */
    public static FrameInputs compose(ImageLayer image, MaskLayer mask, Rect frame) {
        Mode mode = mode(image, mask, frame);
        int w = frame.width();
        int h = frame.height();
        switch (mode) {
            case TXT2IMG:
                return new FrameInputs(mode, null, null);
            case IMG2IMG:
                return new FrameInputs(mode, opaque(w, h, image.crop(frame)), null);
            case INPAINT:
                return new FrameInputs(mode, opaque(w, h, image.crop(frame)), new GrayImage(w, h, mask.crop(frame)));
            default:
                int[] px = image.crop(frame);
                boolean[] empty = new boolean[px.length];
                for (int i = 0; i < px.length; i++) {
                    empty[i] = (px[i] >>> 24) == 0;
                }
                float[] repaint = mask.crop(frame);
                boolean[] near = dilate(empty, w, h, overlapBand(frame));
                for (int i = 0; i < repaint.length; i++) {
                    if (near[i]) {
                        repaint[i] = 1f;
                    }
                }
                fillEmpty(px, empty, w, h);
                return new FrameInputs(mode, opaque(w, h, px), new GrayImage(w, h, repaint));
        }
    }

    /** Width of the picture band along an outpaint seam that is repainted too. */
    static int overlapBand(Rect frame) {
        return Math.max(MIN_BAND, Math.min(MAX_BAND, Math.min(frame.width(), frame.height()) / 8));
    }

    private static RgbImage opaque(int w, int h, int[] px) {
        for (int i = 0; i < px.length; i++) {
            px[i] |= 0xFF000000;
        }
        return new RgbImage(w, h, px);
    }

    /**
     * Gives each empty pixel the colour of the nearest picture pixel in its row; rows without
     * picture copy the nearest row that has some. Linear time, and a neutral start for the sampler.
     */
    static void fillEmpty(int[] px, boolean[] empty, int w, int h) {
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

    /** Square dilation of {@code set} by {@code radius}: separable running counts, linear time. */
    static boolean[] dilate(boolean[] set, int w, int h, int radius) {
        boolean[] horizontal = new boolean[set.length];
        int[] prefix = new int[Math.max(w, h) + 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                prefix[x + 1] = prefix[x] + (set[y * w + x] ? 1 : 0);
            }
            for (int x = 0; x < w; x++) {
                int lo = Math.max(0, x - radius);
                int hi = Math.min(w, x + radius + 1);
                horizontal[y * w + x] = prefix[hi] - prefix[lo] > 0;
            }
        }
        boolean[] out = new boolean[set.length];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                prefix[y + 1] = prefix[y] + (horizontal[y * w + x] ? 1 : 0);
            }
            for (int y = 0; y < h; y++) {
                int lo = Math.max(0, y - radius);
                int hi = Math.min(h, y + radius + 1);
                out[y * w + x] = prefix[hi] - prefix[lo] > 0;
            }
        }
        return out;
    }
}
