package studio.engine.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where a textual-inversion embedding sits in a {@link TokenChunk}: its vectors replace the token
 * embeddings at positions {@code position ... position + vectors.length - 1} (start token counted).
 */
public record EmbeddingSlot(int position, String name, float[][] vectors) {
    public EmbeddingSlot {
        Objects.requireNonNull(name, "name");
    }

    public int length() {
        return vectors.length;
    }

    EmbeddingSlot shifted(int by) {
        return new EmbeddingSlot(position + by, name, vectors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingSlot s && s.position == position && s.name.equals(name)
                && Arrays.deepEquals(s.vectors, vectors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, name);
    }

    @Override
    public String toString() {
        return name + "@" + position + "x" + vectors.length;
    }
}
