package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/**
 * One named weight tensor. Its shape is fixed by the block's config; {@link #set} refuses a tensor of
 * another shape so a wrong checkpoint fails at load, naming the key, not mid-generation.
 */
public final class Param {
    private final Shape shape;
    private NDArray value;
    /** value is in a kernel's own layout ({@link #packed}), not the plain checkpoint layout. */
    private boolean packed;

    Param(Shape shape) {
        this.shape = shape;
    }

    public Shape shape() {
        return shape;
    }

    /**
     * The weight in the checkpoint's layout; throws if it was never initialised or loaded. A weight
     * held {@link #packed} is converted back first (exactly) and held plain from then on.
     */
    public NDArray get() {
        if (value == null) {
            throw new IllegalStateException("parameter of shape " + shape + " has no value");
        }
        if (packed) {
            NDArray plain = DnnOps.unpack(value);
            NDScope.unregister(plain); // held by the model, not by the caller's scope
            value.close();
            value = plain;
            packed = false;
        }
        return value;
    }

    /** The weight as held, plain or packed: for checks of its type that must not convert it. */
    NDArray held() {
        if (value == null) {
            throw new IllegalStateException("parameter of shape " + shape + " has no value");
        }
        return value;
    }

    /**
     * The weight in a kernel's own layout, made by {@code pack} from the plain weight on first use and
     * then held instead of it, so that the model never keeps both (oneDNN's blocked convolution
     * weights, see {@link DnnOps#packConv}). Inference only; {@link #get} and {@link #swap} hand out
     * the plain weight again.
     */
    NDArray packed(UnaryOperator<NDArray> pack) {
        if (!packed) {
            NDArray p = pack.apply(get());
            NDScope.unregister(p);
            value.close();
            value = p;
            packed = true;
        }
        return value;
    }

    /**
     * The weight in the floating type of the activation it meets. Weights held in bf16 or fp16 (see
     * {@link Precision}) that meet fp32 activations are widened for the op, one tensor at a time, and the
     * copy is freed with the activation's scope: the model keeps half the memory while the op runs
     * libtorch's fp32 kernel. bf16 weights meeting bf16 activations are used as they are, any other
     * weight is converted to bf16 for them.
     */
    public NDArray forInput(NDArray x) {
        NDArray w = get();
        if (w.getDataType() == x.getDataType()) {
            return w;
        }
        // activations are fp32 or bf16 (Precision.activations); DJL reports bf16 as UNKNOWN, hence the test
        boolean fp32 = x.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32;
        NDArray converted = FusedOps.cast(w, fp32 ? FusedOps.FLOAT32 : FusedOps.BFLOAT16);
        return Ops.withLifetimeOf(converted, x);
    }

    /** Frees what {@link #forInput} returned if it was a widened copy (never the weight itself). */
    public void release(NDArray used) {
        if (used != value) {
            used.close();
        }
    }

    public boolean isSet() {
        return value != null;
    }

    /**
     * Replaces the value and hands back the previous one, plain and open: the caller keeps it (an
     * adapter's backup of the loaded weight, restored bit for bit later) and closes it when done. The
     * new value belongs to the parameter from then on: it may be {@link #packed} (and the tensor
     * handed in freed), so the caller must not use it again.
     */
    public NDArray swap(NDArray newValue) {
        if (!newValue.getShape().equals(shape)) {
            throw new IllegalArgumentException("expected shape " + shape + " but got " + newValue.getShape());
        }
        NDArray old = value == null ? null : get();
        value = newValue;
        return old;
    }

    /**
     * Replaces the value, closing the previous one. The value belongs to the parameter from then on: it
     * may be {@link #packed} (and the tensor handed in freed), so the caller must not use it again.
     */
    public void set(NDArray newValue) {
        if (!newValue.getShape().equals(shape)) {
            throw new IllegalArgumentException("expected shape " + shape + " but got " + newValue.getShape());
        }
        if (value != null && value != newValue) {
            value.close();
        }
        value = newValue;
        packed = false;
    }
}
