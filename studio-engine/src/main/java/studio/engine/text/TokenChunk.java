package studio.engine.text;

import java.util.Arrays;
import java.util.List;

/**
 * One text-encoder input window: start token, up to 75 prompt tokens, end token, padding; with a
 * weight per position (1 for the start, end and padding). A long prompt becomes several chunks
 * whose encodings are concatenated along the token axis.
 *
 * Textual-inversion {@link EmbeddingSlot}s say which positions take learned vectors instead of the
 * token table's rows (their ids are placeholders, 0 as in AUTOMATIC1111).
 *
 * <p>Arrays are copied in and out, so a chunk never changes once made.
 */
public record TokenChunk(int[] ids, float[] weights, List<EmbeddingSlot> embeddings) {
    public TokenChunk {
        if (ids.length != weights.length) {
            throw new IllegalArgumentException("a chunk has " + ids.length + " ids but " + weights.length + " weights");
        }
        ids = ids.clone();
        weights = weights.clone();
        embeddings = List.copyOf(embeddings);
    }

    /** A chunk of plain tokens, no embeddings. */
    public TokenChunk(int[] ids, float[] weights) {
        this(ids, weights, List.of());
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
                && Arrays.equals(ids, chunk.ids) && Arrays.equals(weights, chunk.weights)
                && embeddings.equals(chunk.embeddings);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "TokenChunk[ids=" + Arrays.toString(ids) + ", weights=" + Arrays.toString(weights)
                + (embeddings.isEmpty() ? "" : ", embeddings=" + embeddings) + "]";
    }
}
