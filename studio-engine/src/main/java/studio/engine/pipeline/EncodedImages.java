package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import studio.engine.image.RgbImage;

/**
 * The latents of the last pictures a model's VAE encoded, by their pixels.
 *
 * <p>Why: live mode sends a new request for every brush stroke, and an inpainting stroke changes the
 * mask, not the picture under it; trying seeds or settings on one picture in img2img repeats the
 * picture too. The encode is deterministic (the posterior mean), and it is the costliest part of such
 * a request after the steps: seconds for SD 1.5 at 512×512 on a CPU. Two entries: the init image
 * and, for 9-channel inpainting models, its masked copy. A few hundred kilobytes of latents per model.
 */
final class EncodedImages implements AutoCloseable {
    private static final int KEEP = 2;

    private final NDManager manager = NDManager.newBaseManager();
    private final LinkedHashMap<RgbImage, NDArray> latents = new LinkedHashMap<>(4, 0.75f, true);
    private int encodes;

    /**
     * The image's latent, from the cache or from {@code encoder}; the returned array belongs to the
     * caller's scope like any fresh array, the cache keeps its own copy.
     */
    synchronized NDArray latent(RgbImage image, Function<RgbImage, NDArray> encoder) {
        NDArray cached = latents.get(image);
        if (cached != null) {
            return cached.duplicate(); // on the cache's manager, but registered in the caller's scope
        }
        NDArray fresh = encoder.apply(image);
        encodes++;
        NDArray kept = fresh.duplicate();
        kept.attach(manager);
        NDScope.unregister(kept);
        latents.put(image, kept);
        for (Iterator<Map.Entry<RgbImage, NDArray>> it = latents.entrySet().iterator(); latents.size() > KEEP; ) {
            it.next().getValue().close();
            it.remove();
        }
        return fresh;
    }

    /** How many images were encoded (not found in the cache) so far. */
    synchronized int encodes() {
        return encodes;
    }

    @Override
    public synchronized void close() {
        latents.clear();
        manager.close();
    }
}
