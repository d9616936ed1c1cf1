package studio.train;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import studio.engine.nn.Param;

/** Runs code with other weights (the EMA copy) in the live parameters, then puts the originals back. */
final class Swap {
    private Swap() {
    }

    static <T> T withWeights(Map<String, Param> params, Map<String, NDArray> replacement, Supplier<T> body) {
        Map<String, float[]> saved = new HashMap<>();
        params.forEach((k, p) -> {
            saved.put(k, p.get().toFloatArray());
            p.get().set(replacement.get(k).toFloatArray());
        });
        try {
            return body.get();
        } finally {
            params.forEach((k, p) -> p.get().set(saved.get(k)));
        }
    }
}
