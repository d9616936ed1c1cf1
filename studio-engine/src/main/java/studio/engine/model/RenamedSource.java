package studio.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A view of one or more sources under canonical key names. Each canonical key points at a source
 * key, optionally with a target shape (diffusers stores the VAE's 1×1 attention convolutions as
 * linear weights; same numbers, another shape).
 */
public final class RenamedSource implements TensorSource {
    private record Entry(TensorSource source, String key, long[] shape, UnaryOperator<NDArray> transform) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<TensorSource> owned = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final String description;

    public RenamedSource(String description) {
        this.description = description;
    }

    /** Takes ownership of a source (closed with this view) and merges its metadata. */
    public RenamedSource own(TensorSource source) {
        owned.add(source);
        metadata.putAll(source.metadata());
        return this;
    }

    /** Like {@link #own} but returns the source, for chaining in loaders. */
    public <S extends TensorSource> S ownAndGet(S source) {
        own(source);
        return source;
    }

    public void putMetadata(String key, String value) {
        metadata.put(key, value);
    }

    public void put(String canonical, TensorSource source, String sourceKey, long[] shape) {
        entries.put(canonical, new Entry(source, sourceKey, shape == null ? source.shape(sourceKey) : shape, null));
    }

    /**
     * A canonical tensor computed from a source tensor (a slice of OpenCLIP's fused in_proj, a transposed
     * projection): {@code shape} is what the transform returns, checked before any data is read.
     */
    public void put(String canonical, TensorSource source, String sourceKey, long[] shape,
                    UnaryOperator<NDArray> transform) {
        entries.put(canonical, new Entry(source, sourceKey, shape, transform));
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public long[] shape(String key) {
        return entries.get(key).shape().clone();
    }

    @Override
    public String dtype(String key) {
        Entry e = entries.get(key);
        return e.source().dtype(e.key());
    }

    @Override
    public NDArray load(String key, NDManager manager) {
        Entry e = entries.get(key);
        NDArray a = e.source().load(e.key(), manager);
        if (e.transform() != null) {
            NDArray t = e.transform().apply(a);
            if (t != a) {
                a.close();
            }
            return t;
        }
        return java.util.Arrays.equals(a.getShape().getShape(), e.shape()) ? a : a.reshape(e.shape());
    }

    @Override
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        for (TensorSource s : owned) {
            s.close();
        }
    }
}
