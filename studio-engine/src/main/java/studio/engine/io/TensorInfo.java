package studio.engine.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor as a safetensors header describes it.
 *
 * @param name  the tensor's key, e.g. {@code model.diffusion_model.out.2.weight}
 * @param dtype element type
 * @param shape dimensions, outermost first; empty for a scalar
 * @param begin first byte of its data, counted from the start of the data region
 * @param end   one past its last byte, counted from the start of the data region
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the shape (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Size of the data in bytes. */
    public long byteLength() {
        return end - begin;
    }

    /** The shape as {@code [320, 4, 3, 3]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t
                && t.name.equals(name)
                && t.dtype == dtype
                && Arrays.equals(t.shape, shape)
                && t.begin == begin
                && t.end == end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeText() + " @[" + begin + ", " + end + ")";
    }
}
