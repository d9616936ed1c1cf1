package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Objects;

/**
 * Where a generation's randomness comes from: the initial latent (or img2img noise) is the first
 * draw, ancestral samplers take the following ones.
 */
@FunctionalInterface
public interface NoiseSource {
    /** The next standard-normal float32 array of the given shape. */
    NDArray next(Shape shape);

    /**
     * Draws of libtorch's CPU generator after {@code torch.manual_seed(seed)}: the first draw equals
     * {@code torch.manual_seed(seed); torch.randn(shape)} bit for bit, and the following draws equal
     * further {@code torch.randn} calls — the stream AUTOMATIC1111 samples from.
     *
     * <p>The generator is process-wide: create the source right before sampling and make no other
     * random draw on the engine thread until the item is done.
     *
     * @param manager the manager the noise arrays are created on (NDScopes still apply)
     */
    static NoiseSource seeded(NDManager manager, long seed) {
        Objects.requireNonNull(manager, "manager");
        JniUtils.setSeed(seed);
        return manager::randomNormal;
    }
}
