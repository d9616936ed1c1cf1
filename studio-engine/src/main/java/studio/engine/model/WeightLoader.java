package studio.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.Module;
import studio.engine.nn.Param;
import studio.engine.nn.Precision;

/**
 * Fills modules from a checkpoint by walking their canonical key names. Every missing or unexpected
 * key and every shape mismatch is collected first and refused together in one message, before any
 * tensor data is read. Tensors are then converted and loaded one at a time, so host memory never holds
 * two copies of the model.
 */
public final class WeightLoader {
    private static final int LISTED = 10;

    private final Map<String, Param> expected = new LinkedHashMap<>();
    private final Map<String, String> partOfKey = new LinkedHashMap<>();
    private final Map<String, Precision> precisionOfKey = new LinkedHashMap<>();
    private final List<String> parts = new ArrayList<>();

    /** Adds a module whose parameters live under {@code prefix} in the checkpoint. */
    public WeightLoader add(String part, String prefix, Module module) {
        return add(part, prefix, module, Precision.FP32);
    }

    /** As {@link #add(String, String, Module)}, the module's weights held in {@code precision}. */
    public WeightLoader add(String part, String prefix, Module module, Precision precision) {
        parts.add(part);
        module.parameters().forEach((k, p) -> {
            expected.put(prefix + k, p);
            partOfKey.put(prefix + k, part);
            precisionOfKey.put(prefix + k, precision);
        });
        return this;
    }

    /**
     * Checks the source against the modules, then loads.
     *
     * @param ownedPrefixes key prefixes the added modules account for; keys under them that no module
     *                      wants are "unexpected"
     * @param ignorable     keys under those prefixes that real checkpoints carry but SD does not use
     */
    public void load(TensorSource source, NDManager manager, List<String> ownedPrefixes, Predicate<String> ignorable) {
        check(source, ownedPrefixes, ignorable);
        for (Map.Entry<String, Param> e : expected.entrySet()) {
            // One tensor at a time, cast as it arrives: a bf16 model never holds its fp32 copy.
            NDArray loaded = source.load(e.getKey(), manager);
            requireFinite(source, e.getKey(), loaded);
            NDArray held = precisionOfKey.get(e.getKey()).cast(loaded);
            if (held != loaded) {
                loaded.close();
            }
            e.getValue().set(held);
        }
    }

    /**
     * Refuses a tensor holding NaN or infinity, naming it: such weights make black or NaN pictures with
     * no hint of the cause. One sum per tensor finds them (NaN or ±∞ in, NaN or ±∞ out; trained
     * weights are far too small for the sum itself to overflow).
     */
    static void requireFinite(TensorSource source, String key, NDArray tensor) {
        if (tensor.isEmpty()) {
            return;
        }
        float sum;
        try (NDArray total = tensor.sum()) {
            sum = total.getFloat();
        }
        if (!Float.isFinite(sum)) {
            throw new InvalidRequestException(source.describe() + ": tensor '" + key + "' holds NaN or infinite values; "
                    + "the checkpoint is damaged (download or convert it again)");
        }
    }

    void check(TensorSource source, List<String> ownedPrefixes, Predicate<String> ignorable) {
        Set<String> keys = source.keys();
        List<String> problems = new ArrayList<>();
        for (String part : parts) {
            List<String> missing = new ArrayList<>();
            List<String> mismatched = new ArrayList<>();
            for (Map.Entry<String, Param> e : expected.entrySet()) {
                if (!partOfKey.get(e.getKey()).equals(part)) {
                    continue;
                }
                if (!keys.contains(e.getKey())) {
                    missing.add(e.getKey());
                } else {
                    long[] actual = source.shape(e.getKey());
                    long[] wanted = e.getValue().shape().getShape();
                    if (!Arrays.equals(actual, wanted)) {
                        mismatched.add(e.getKey() + " is " + Arrays.toString(actual) + ", expected " + Arrays.toString(wanted));
                    }
                }
            }
            describe(problems, part + ": missing", missing);
            describe(problems, part + ": shape mismatch in", mismatched);
        }
        Set<String> unexpected = new TreeSet<>();
        for (String k : keys) {
            boolean owned = ownedPrefixes.stream().anyMatch(k::startsWith);
            if (owned && !expected.containsKey(k) && !ignorable.test(k)) {
                unexpected.add(k);
            }
        }
        describe(problems, "unexpected", new ArrayList<>(unexpected));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(source.describe() + " does not match the detected architecture: "
                    + String.join("; ", problems));
        }
    }

    private static void describe(List<String> problems, String what, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        String head = String.join(", ", items.subList(0, Math.min(LISTED, items.size())));
        String more = items.size() > LISTED ? " and " + (items.size() - LISTED) + " more" : "";
        problems.add(what + " " + items.size() + (what.contains("mismatch") ? " tensors: " : " keys: ") + head + more);
    }
}
