package studio.engine.text;

import java.util.Arrays;

/**
 * One text-encoder input window: start token, up to 75 prompt tokens, end token, padding; with a
 * weight per position (1 for the start, end and padding). A long prompt becomes several chunks
 * whose encodings are concatenated along the token axis.
 *
 * <p>Arrays are copied in and out, so a chunk never changes once made.
 */
public record TokenChunk(int[] ids, float[] weights) {
    public TokenChunk {
        if (ids.length != weights.length) {
            throw new IllegalArgumentException("a chunk has " + ids.length + " ids but " + weights.length + " weights");
        }
        ids = ids.clone();
        weights = weights.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenChunk chunk
                && Arrays.equals(ids, chunk.ids) && Arrays.equals(weights, chunk.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "TokenChunk[ids=" + Arrays.toString(ids) + ", weights=" + Arrays.toString(weights) + "]";
    }
}
