package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GroupNorm statistics recorded on one pass and reused on later passes, so that the tiles of a tiled
 * decode are normalised as one picture rather than each by its own mean and variance.
 *
 * <p>Why: GroupNorm normalises by the statistics of the whole feature map. Decoding tiles
 * independently gives each tile its own — a dark tile is brightened, a flat one gains contrast — and
 * the seams show however the tiles are blended. The tiled decode records every GroupNorm's statistics
 * on a decode of the latent at half size (a quarter of the memory) and normalises every tile with
 * them: the features' per-group mean and variance hardly depend on the resolution.
 */
public final class SharedNormStats {
    private static final ThreadLocal<SharedNormStats> CURRENT = new ThreadLocal<>();

    private final Map<GroupNorm, NDArray[]> stats = new IdentityHashMap<>();
    private boolean recording = true;

    private SharedNormStats() {
    }

    /** Runs {@code pass} recording each GroupNorm's per-group mean and variance, and returns them. */
    public static SharedNormStats record(Runnable pass) {
        SharedNormStats s = new SharedNormStats();
        s.within(() -> {
            pass.run();
            return null;
        });
        s.recording = false;
        return s;
    }

    /** Runs {@code pass} with every GroupNorm normalising by the recorded statistics. */
    public <T> T apply(Supplier<T> pass) {
        return within(pass);
    }

    private <T> T within(Supplier<T> pass) {
        SharedNormStats outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return pass.get();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Frees the recorded statistics. */
    public void release() {
        stats.values().forEach(a -> {
            a[0].close();
            a[1].close();
        });
        stats.clear();
    }

    static SharedNormStats current() {
        return CURRENT.get();
    }

    /** x normalised per group (before the affine), recording or using the shared statistics. */
    NDArray normalise(GroupNorm norm, NDArray x, int groups, float eps) {
        Shape shape = x.getShape();
        long n = shape.get(0);
        NDArray grouped = x.reshape(n, groups, -1);
        NDArray[] s = stats.get(norm);
        if (s == null) {
            if (!recording) {
                throw new IllegalStateException("no statistics were recorded for this GroupNorm");
            }
            NDArray mean = grouped.mean(new int[] {2}, true);
            NDArray var = grouped.sub(mean).square().mean(new int[] {2}, true);
            // kept past the block's scope and the request's manager: release() frees them
            ai.djl.ndarray.NDScope.unregister(mean, var);
            mean.detach();
            var.detach();
            s = new NDArray[] {mean, var};
            stats.put(norm, s);
        }
        NDArray mean = s[0].getShape().get(0) == n ? s[0] : s[0].mean(new int[] {0}, true);
        NDArray var = s[1].getShape().get(0) == n ? s[1] : s[1].mean(new int[] {0}, true);
        // one new full-size array, the rest in place: a tile's activations are 128–256 MiB each
        return grouped.sub(mean).muli(var.add(eps).sqrt().pow(-1)).reshape(shape);
    }
}
