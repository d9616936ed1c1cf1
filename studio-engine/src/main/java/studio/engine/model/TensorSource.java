package studio.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors as a checkpoint offers them, read one at a time: the shape of every tensor is known
 * up front (from the header) and data is read only when a tensor is loaded.
 */
public interface TensorSource extends AutoCloseable {
    Set<String> keys();

    long[] shape(String key);

    /** Storage type as the file names it (F32, F16, BF16, ...). */
    String dtype(String key);

    /** Reads one tensor as float32 onto the manager. */
    NDArray load(String key, NDManager manager);

    Map<String, String> metadata();

    /** What this source is, for messages ("model.safetensors", "unet/ in folder x"). */
    String describe();

    @Override
    void close();
}
