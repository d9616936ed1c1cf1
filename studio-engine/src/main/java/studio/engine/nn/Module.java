package studio.engine.nn;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A block whose parameters carry their checkpoint names.
 *
 * <p>Why not DJL's {@code AbstractBlock}: DJL names children {@code "%02d" + name}
 * ({@code 01selfAttention}), so its parameter paths never equal checkpoint keys, and its
 * ParameterStore indirection costs time on every op. Here a child registered as {@code "in_layers"}
 * inside a parent registered as {@code "input_blocks.1.0"} yields exactly
 * {@code input_blocks.1.0.in_layers.2.weight}, so loading a checkpoint is a walk over names. Forward
 * passes are plain methods over DJL {@code NDArray}s (libtorch underneath), with typed child fields.
 */
public abstract class Module {
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Param> params = new LinkedHashMap<>();

    /** Registers a child under a (possibly dotted) name and returns it for assignment to a field. */
    protected final <M extends Module> M child(String name, M module) {
        if (children.putIfAbsent(name, module) != null) {
            throw new IllegalStateException("duplicate child '" + name + "' in " + getClass().getSimpleName());
        }
        return module;
    }

    /**
     * Registers a child whose parameters sit directly under this module's prefix (a wrapper that adds
     * behaviour but no level of naming).
     */
    protected final <M extends Module> M inline(M module) {
        return child("", module);
    }

    /** Declares a parameter of a fixed shape. */
    protected final Param param(String name, long... shape) {
        Param p = new Param(new Shape(shape));
        if (params.putIfAbsent(name, p) != null) {
            throw new IllegalStateException("duplicate parameter '" + name + "' in " + getClass().getSimpleName());
        }
        return p;
    }

    /** Every parameter under its full checkpoint key, in declaration order. */
    public final Map<String, Param> parameters() {
        Map<String, Param> out = new LinkedHashMap<>();
        visit("", (k, p) -> out.put(k, p));
        return out;
    }

    /** Number of scalar weights. */
    public final long parameterCount() {
        long[] n = {0};
        visit("", (k, p) -> n[0] += p.shape().size());
        return n[0];
    }

    private void visit(String prefix, BiConsumer<String, Param> visitor) {
        params.forEach((name, p) -> visitor.accept(prefix + name, p));
        children.forEach((name, c) -> c.visit(name.isEmpty() ? prefix : prefix + name + ".", visitor));
    }
}
