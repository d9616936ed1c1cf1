package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import studio.engine.nn.Intermediates;
import studio.engine.nn.SharedNormStats;

/**
 * Decodes a large latent in overlapping tiles and blends them, so the autoencoder's memory stays that
 * of one tile (at 1024×1024 an untiled SD decode holds 512 MiB activations at full resolution, a few
 * GB in all; a 64×64-latent tile needs what a 512×512 image does).
 *
 * <p>Tiles overlap by {@link #OVERLAP} latent pixels; across the overlap each tile's weight ramps
 * linearly from 0 to 1 (a tent per axis), and the image is the weighted mean, so no tile edge shows.
 * Every tile is normalised with GroupNorm statistics of the whole picture ({@link SharedNormStats});
 * the mid-block attention and the convolutions' reach beyond the overlap still see only the tile,
 * which is why tiled and whole decodes differ slightly (ComfyUI's {@code decode_tiled} makes the same
 * trade, without the shared statistics).
 */
final class TiledDecode {
    /** Latent tile side: the size of a 512×512 image in SD's 8× latent. */
    static final int TILE = 64;
    static final int OVERLAP = 16;

    private TiledDecode() {
    }

    /** True when the latent is larger than one tile on either side. */
    static boolean needed(Shape latent) {
        return latent.get(2) > TILE || latent.get(3) > TILE;
    }

    /**
     * @param latent (B, C, h, w)
     * @param decode one tile's latent → its image (B, 3, th·f, tw·f)
     * @param factor pixels per latent pixel
     */
    static NDArray decode(NDArray latent, UnaryOperator<NDArray> decode, int factor, int tile, int overlap) {
        Shape s = latent.getShape();
        long b = s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        List<int[]> ys = spans(h, tile, overlap);
        List<int[]> xs = spans(w, tile, overlap);
        if (ys.size() == 1 && xs.size() == 1) {
            return decode.apply(latent); // one tile is the whole latent
        }
        // GroupNorm statistics of the whole picture, from a decode at half size (see SharedNormStats)
        SharedNormStats stats = SharedNormStats.record(() -> Intermediates.freed(() -> {
            NDArray even = latent.get(new NDIndex(":, :, :{}, :{}", h / 2 * 2, w / 2 * 2));
            NDArray half = even.reshape(b, s.get(1), h / 2, 2, w / 2, 2).mean(new int[] {5}).mean(new int[] {3});
            return decode.apply(half);
        }).close());
        try {
            return stats.apply(() -> blend(latent, decode, factor, tile, overlap, ys, xs));
        } finally {
            stats.release();
        }
    }

    private static NDArray blend(NDArray latent, UnaryOperator<NDArray> decode, int factor, int tile, int overlap,
                                 List<int[]> ys, List<int[]> xs) {
        Shape s = latent.getShape();
        long b = s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDManager m = latent.getManager();
        NDArray sum = m.zeros(new Shape(b, 3, (long) h * factor, (long) w * factor));
        NDArray weights = m.zeros(new Shape(1, 1, (long) h * factor, (long) w * factor));
        for (int[] sy : ys) {
            for (int[] sx : xs) {
                int y = sy[0];
                int x = sx[0];
                int th = sy[1];
                int tw = sx[1];
                NDArray[] done = new NDArray[2];
                Intermediates.freed(() -> {
                    NDArray part = latent.get(new NDIndex(":, :, {}:{}, {}:{}", y, y + th, x, x + tw));
                    NDArray image = decode.apply(part);
                    NDArray mask = ramp(m, th * factor, tw * factor, y > 0, y + th < h, x > 0, x + tw < w, overlap * factor);
                    NDIndex region = new NDIndex(":, :, {}:{}, {}:{}", y * factor, (y + th) * factor, x * factor, (x + tw) * factor);
                    sum.set(region, sum.get(region).add(image.mul(mask)));
                    weights.set(region, weights.get(region).add(mask));
                    return image;
                }).close();
            }
        }
        NDArray out = sum.div(weights);
        sum.close();
        weights.close();
        return out;
    }

    /**
     * Tiles along one axis as {start, size}: as few as cover it with at least {@code overlap} shared
     * between neighbours, all of one size (at most {@code tile}) and evenly spread, the last flush with
     * the end — a 96-latent side takes two tiles of 56, not two of 64 overlapping by half.
     */
    static List<int[]> spans(int length, int tile, int overlap) {
        List<int[]> out = new ArrayList<>();
        if (length <= tile) {
            out.add(new int[] {0, length});
            return out;
        }
        int n = (length - overlap + (tile - overlap) - 1) / (tile - overlap);
        int size = (length + (n - 1) * overlap + n - 1) / n;
        for (int i = 0; i < n - 1; i++) {
            out.add(new int[] {i * (size - overlap), size});
        }
        out.add(new int[] {length - size, size});
        return out;
    }

    /** (1, 1, h, w) weights: 1 inside, a linear ramp over {@code band} pixels at each edge shared with a neighbour. */
    private static NDArray ramp(NDManager m, int h, int w, boolean top, boolean bottom, boolean left, boolean right, int band) {
        float[] ry = axis(h, top, bottom, band);
        float[] rx = axis(w, left, right, band);
        return m.create(ry, new Shape(1, 1, h, 1)).mul(m.create(rx, new Shape(1, 1, 1, w)));
    }

    private static float[] axis(int n, boolean rampStart, boolean rampEnd, int band) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            float v = 1f;
            // (i + 0.5) / band: never exactly 0, so a pixel covered only by a ramp still has weight
            if (rampStart && i < band) {
                v = Math.min(v, (i + 0.5f) / band);
            }
            if (rampEnd && i >= n - band) {
                v = Math.min(v, (n - i - 0.5f) / band);
            }
            r[i] = v;
        }
        return r;
    }
}
