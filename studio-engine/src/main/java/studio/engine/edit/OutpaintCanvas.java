package studio.engine.edit;

import java.util.SplittableRandom;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * Places an image on a larger canvas for outpainting: the new area is pre-filled and masked, and the
 * mask reaches {@code overlap} pixels back into the old image with a linear ramp, so the seam is
 * repainted and blended. Pixels of the old image further than the band from an extended edge have
 * mask 0 and therefore stay exactly as they were.
 *
 * @param image the pre-filled canvas (the init image)
 * @param mask  1 on the new area, ramping to 0 across the overlap band
 * @param inner where the original image sits on the canvas
 */
public record OutpaintCanvas(RgbImage image, GrayImage mask, Box inner) {

    public static OutpaintCanvas create(RgbImage source, int left, int right, int top, int bottom,
                                        OutpaintFill fill, int overlap, long seed) {
        if (left < 0 || right < 0 || top < 0 || bottom < 0) {
            throw new InvalidRequestException("outpaint amounts must not be negative");
        }
        if (left + right + top + bottom == 0) {
            throw new InvalidRequestException("nothing to outpaint: give --left, --right, --top or --bottom in pixels");
        }
        if (overlap < 0) {
            throw new InvalidRequestException("overlap must not be negative, got " + overlap);
        }
        int w = source.width() + left + right;
        int h = source.height() + top + bottom;
        if (w > GenerationRequest.MAX_SIDE || h > GenerationRequest.MAX_SIDE || (long) w * h > GenerationRequest.MAX_PIXELS) {
            throw new InvalidRequestException("the outpainted canvas would be " + w + "x" + h
                    + ", over the limit of " + GenerationRequest.MAX_SIDE + " px a side and 16 MP");
        }
        int mean = meanColour(source);
        SplittableRandom random = new SplittableRandom(seed);
        int[] px = new int[w * h];
        float[] m = new float[w * h];
        int sw = source.width();
        int sh = source.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x - left;
                int sy = y - top;
                boolean inside = sx >= 0 && sy >= 0 && sx < sw && sy < sh;
                int i = y * w + x;
                if (inside) {
                    px[i] = source.argb(sx, sy);
                    m[i] = band(sx, sy, sw, sh, left, right, top, bottom, overlap);
                } else {
                    m[i] = 1f;
                    px[i] = switch (fill) {
                        case EXTEND -> source.argb(clamp(sx, sw), clamp(sy, sh));
                        case MIRROR -> source.argb(mirror(sx, sw), mirror(sy, sh));
                        case NOISE -> 0xFF000000 | random.nextInt(0x1000000);
                        case COLOUR -> mean;
                    };
                }
            }
        }
        return new OutpaintCanvas(new RgbImage(w, h, px), new GrayImage(w, h, m), new Box(left, top, sw, sh));
    }

    /** Mask inside the old image: a ramp from 1 at an extended edge to 0 at {@code overlap} pixels in. */
    private static float band(int x, int y, int w, int h, int left, int right, int top, int bottom, int overlap) {
        if (overlap == 0) {
            return 0f;
        }
        int d = Integer.MAX_VALUE;
        if (left > 0) {
            d = Math.min(d, x);
        }
        if (right > 0) {
            d = Math.min(d, w - 1 - x);
        }
        if (top > 0) {
            d = Math.min(d, y);
        }
        if (bottom > 0) {
            d = Math.min(d, h - 1 - y);
        }
        return d >= overlap ? 0f : 1f - (float) d / overlap;
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    private static int mirror(int v, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(v, period);
        return m < n ? m : period - m;
    }

    private static int meanColour(RgbImage image) {
        long r = 0;
        long g = 0;
        long b = 0;
        int[] px = image.pixels();
        for (int p : px) {
            r += (p >> 16) & 0xFF;
            g += (p >> 8) & 0xFF;
            b += p & 0xFF;
        }
        int n = px.length;
        return 0xFF000000 | (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }
}
