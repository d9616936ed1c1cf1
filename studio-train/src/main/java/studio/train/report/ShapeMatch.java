package studio.train.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.engine.image.RgbImage;

/**
 * Judges whether a generated picture has the shape its prompt named, by nearest-neighbour matching
 * against the training pictures of a fixed list of names. The features ignore hue on purpose (a blue
 * apple should still match the apples): the "ink" of each pixel (how far it is from white, whatever
 * its colour) at 16×16, and the luminance edges at 16×16, each normalised, compared by cosine.
 * A trained classifier would need held-out pictures of each name that this dataset does not have
 * (names are held out whole), so the matcher's own error is measured leave-one-out over the
 * references: how often a real picture of a name, in one style, is matched to the same name through
 * its other two styles.
 */
public final class ShapeMatch {
    static final int GRID = 16;

    /** The names of the report's shape figure: common emoji of distinct outlines, each in all three styles. */
    public static final List<String> NAMES = List.of("red heart", "star", "red apple", "cat face", "grinning face", "fire",
            "sun", "ghost", "banana", "crescent moon", "snowflake", "umbrella");

    private record Reference(String name, float[] feature) {
    }

    private final List<Reference> references = new ArrayList<>();

    /** References: pictures of each name (all its styles). */
    public ShapeMatch(Map<String, List<RgbImage>> pictures) {
        pictures.forEach((name, list) -> list.forEach(p -> references.add(new Reference(name, features(p)))));
    }

    /** The name of the nearest reference. */
    public String nearest(RgbImage image) {
        return nearest(features(image), -1);
    }

    private String nearest(float[] f, int skip) {
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < references.size(); i++) {
            if (i == skip) {
                continue;
            }
            double score = dot(f, references.get(i).feature());
            if (score > bestScore) {
                bestScore = score;
                best = references.get(i).name();
            }
        }
        return best;
    }

    /** Share of references matched to their own name by the others (the matcher's own accuracy). */
    public double leaveOneOutAccuracy() {
        int hits = 0;
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i).name().equals(nearest(references.get(i).feature(), i))) {
                hits++;
            }
        }
        return references.isEmpty() ? 0 : (double) hits / references.size();
    }

    /** Per name, the leave-one-out hits out of its references (to say which names the matcher confuses). */
    public Map<String, int[]> leaveOneOutByName() {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int i = 0; i < references.size(); i++) {
            Reference r = references.get(i);
            int[] c = out.computeIfAbsent(r.name(), k -> new int[2]);
            c[0] += r.name().equals(nearest(r.feature(), i)) ? 1 : 0;
            c[1]++;
        }
        return out;
    }

    static float[] features(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[] ink = new float[w * h];
        float[] luma = new float[w * h];
        int[] px = image.pixels();
        for (int p = 0; p < px.length; p++) {
            int r = (px[p] >> 16) & 0xFF;
            int g = (px[p] >> 8) & 0xFF;
            int b = px[p] & 0xFF;
            ink[p] = 1f - Math.min(r, Math.min(g, b)) / 255f;
            luma[p] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
        }
        float[] edges = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                float gx = luma[y * w + x + 1] - luma[y * w + x - 1];
                float gy = luma[(y + 1) * w + x] - luma[(y - 1) * w + x];
                edges[y * w + x] = (float) Math.sqrt(gx * gx + gy * gy);
            }
        }
        float[] a = normalised(pool(ink, w, h));
        float[] e = normalised(pool(edges, w, h));
        float[] f = new float[a.length + e.length];
        System.arraycopy(a, 0, f, 0, a.length);
        System.arraycopy(e, 0, f, a.length, e.length);
        float scale = (float) (1 / Math.sqrt(2));
        for (int i = 0; i < f.length; i++) {
            f[i] *= scale;
        }
        return f;
    }

    private static float[] pool(float[] v, int w, int h) {
        float[] out = new float[GRID * GRID];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[(y * GRID / h) * GRID + x * GRID / w] += v[y * w + x];
            }
        }
        return out;
    }

    /** Zero mean, unit length: cosine similarity becomes a dot product. */
    private static float[] normalised(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double norm = 0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] - mean);
            norm += out[i] * out[i];
        }
        float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
