package studio.engine.model;

import ai.djl.ndarray.NDManager;
import studio.engine.nn.unet.ControlNetModel;

/**
 * A loaded ControlNet: held beside the model it steers, never merged into it. Owns the native memory
 * of its weights; close it to free them.
 *
 * @param name    the file name without {@code .safetensors}, as PNG parameters name it
 * @param spec    what it is and which family it was made for
 * @param net     the network
 * @param weights the manager holding its weights
 */
public record ControlNet(String name, ControlNetSpec spec, ControlNetModel net, NDManager weights)
        implements AutoCloseable {
    @Override
    public void close() {
        weights.close();
    }
}
