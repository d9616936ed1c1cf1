package studio.engine.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * A1111's "Original" emphasis: scale each token's text-encoder output by its weight, then rescale
 * the whole chunk so its mean equals the unweighted mean. Without the rescale, strong weights shift
 * the conditioning as a whole and the image degrades.
 */
public final class PromptWeighting {
    private PromptWeighting() {
    }

    /**
     * @param hidden  text-encoder output of one chunk, (B, T, D)
     * @param weights one weight per token position, length T
     * @return a new array, (B, T, D), attached to {@code hidden}'s manager
     */
    public static NDArray apply(NDArray hidden, float[] weights) {
        Shape shape = hidden.getShape();
        if (shape.dimension() != 3 || shape.get(1) != weights.length) {
            throw new IllegalArgumentException("prompt weighting expects hidden states (B, " + weights.length
                    + ", D) for " + weights.length + " weights, got " + shape);
        }
        try (NDScope scope = new NDScope()) {
            NDArray perToken = hidden.getManager().create(weights, new Shape(1, weights.length, 1))
                    .toType(hidden.getDataType(), false);
            NDArray originalMean = hidden.mean();                        // ()
            NDArray weighted = hidden.mul(perToken);                     // (B, T, D)
            NDArray result = weighted.mul(originalMean.div(weighted.mean()));
            NDScope.unregister(result);
            return result;
        }
    }
}
