package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * What the network is conditioned on: the text context it cross-attends to and, for SDXL, the vector
 * {@code y} (pooled text and size embeddings) its label_emb adds to the timestep embedding.
 *
 * @param context (B, T, D) text conditioning
 * @param vector  (B, V) SDXL's conditioning vector, or null for models without label_emb
 */
public record Conditioning(NDArray context, NDArray vector) {
    public Conditioning {
        Objects.requireNonNull(context, "context");
        if (vector != null && vector.getShape().get(0) != context.getShape().get(0)) {
            throw new IllegalArgumentException("the conditioning vector's batch " + vector.getShape()
                    + " does not match the context's " + context.getShape());
        }
    }

    /** Text context alone (SD 1.x/2.x). */
    public static Conditioning of(NDArray context) {
        return new Conditioning(context, null);
    }

    public long batch() {
        return context.getShape().get(0);
    }

    /** Whether both can go through the network as one batch (same token count). */
    public boolean batchesWith(Conditioning other) {
        return context.getShape().equals(other.context.getShape()) && (vector == null) == (other.vector == null);
    }

    /** This batch followed by the other's. */
    public Conditioning concat(Conditioning other) {
        return new Conditioning(context.concat(other.context),
                vector == null ? null : vector.concat(other.vector));
    }
}
