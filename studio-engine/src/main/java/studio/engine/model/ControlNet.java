package studio.engine.model;

import ai.djl.ndarray.NDManager;
import studio.engine.nn.unet.ControlNetConfig;
import studio.engine.nn.unet.ControlNetModel;
import studio.engine.nn.unet.UNetConfig;

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
    /** The hint block of every released ControlNet, ending at the encoder's base width. */
    public static int[] standardHintWidths(int baseWidth) {
        return new int[] {16, 16, 32, 32, 96, 96, 256, baseWidth};
    }

    /**
     * A ControlNet with seeded random weights for a U-Net of this configuration, zero convolutions
     * included (a trained one's are not zero either): for the bench and tests, never for pictures.
     */
    public static ControlNet random(String name, UNetConfig unet, long seed) {
        ControlNetConfig config = new ControlNetConfig(unet.withInChannels(4), 3, standardHintWidths(unet.modelChannels()));
        NDManager weights = NDManager.newBaseManager();
        try {
            ControlNetModel net = new ControlNetModel(config);
            RandomInit.initialise(net, weights, seed);
            return new ControlNet(name, ControlNetSpec.of(config), net, weights);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
