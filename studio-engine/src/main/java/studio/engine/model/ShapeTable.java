package studio.engine.model;

import java.util.Arrays;
import java.util.Map;
import studio.engine.api.InvalidRequestException;

/**
 * Tensor shapes by canonical key, read for detection with their rank and sizes checked: a scalar
 * or 1-D tensor where a 2-D one belongs, or a zero-channel convolution, is refused here by name
 * instead of failing later as "Index 0 out of bounds" or "/ by zero".
 */
final class ShapeTable {
    private final Map<String, long[]> shapes;

    ShapeTable(Map<String, long[]> shapes) {
        this.shapes = shapes;
    }

    boolean has(String key) {
        return shapes.containsKey(key);
    }

    /**
     * The sizes of a tensor that must exist, with one of the given ranks, every size from 1 to
     * {@link Integer#MAX_VALUE}.
     */
    int[] require(String key, String part, int... ranks) {
        long[] shape = shapes.get(key);
        if (shape == null) {
            throw new InvalidRequestException("not a Stable Diffusion checkpoint: the " + part + " tensor '" + key
                    + "' is missing");
        }
        return checked(key, part, shape, ranks);
    }

    /** As {@link #require}, or null when the tensor is absent. */
    int[] optional(String key, String part, int... ranks) {
        long[] shape = shapes.get(key);
        return shape == null ? null : checked(key, part, shape, ranks);
    }

    /** Counts consecutive indices i = 0, 1, ... for which prefix + i + suffix is a key. */
    int countIndexed(String prefix, String suffix) {
        int n = 0;
        while (shapes.containsKey(prefix + n + suffix)) {
            n++;
        }
        return n;
    }

    private static int[] checked(String key, String part, long[] shape, int[] ranks) {
        if (Arrays.stream(ranks).noneMatch(r -> r == shape.length)) {
            throw new InvalidRequestException("the " + part + " tensor '" + key + "' has shape " + Arrays.toString(shape)
                    + " but must have " + ranksInWords(ranks) + " dimensions; the checkpoint is damaged or not a "
                    + "Stable Diffusion model");
        }
        int[] sizes = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1 || shape[i] > Integer.MAX_VALUE) {
                throw new InvalidRequestException("the " + part + " tensor '" + key + "' has shape "
                        + Arrays.toString(shape) + ", with a size of " + shape[i] + "; the checkpoint is damaged");
            }
            sizes[i] = (int) shape[i];
        }
        return sizes;
    }

    private static String ranksInWords(int[] ranks) {
        return ranks.length == 1 ? Integer.toString(ranks[0])
                : String.join(" or ", Arrays.stream(ranks).mapToObj(Integer::toString).toList());
    }
}
