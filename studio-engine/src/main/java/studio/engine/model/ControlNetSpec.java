package studio.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.unet.ControlNetConfig;
import studio.engine.nn.unet.UNetConfig;

/**
 * What a ControlNet file is: its configuration and the model family it was trained beside, in words.
 *
 * @param family "SD 1.x", "SD 2.x", ... as {@link ModelDetector} names the models it steers
 */
public record ControlNetSpec(String family, ControlNetConfig config) {

    static ControlNetSpec of(ControlNetConfig config) {
        UNetConfig u = config.unet();
        boolean standard = u.modelChannels() == 320 && u.channelMult().length == 4;
        String family = switch (u.contextDim()) {
            case 768 -> standard ? "SD 1.x" : "SD 1.x layout, custom size";
            case 1024 -> standard ? "SD 2.x" : "SD 2.x layout, custom size";
            case 2048 -> "SDXL";
            default -> "a model with " + u.contextDim() + "-wide text context";
        };
        return new ControlNetSpec(family, config);
    }

    /**
     * Refuses to steer a U-Net this ControlNet was not made for: its encoder is a copy of the U-Net's,
     * so its residuals only fit a U-Net of the same widths, levels and text width.
     *
     * @param name      the ControlNet, for the message
     * @param modelName the model, for the message
     */
    public void requireFits(UNetConfig unet, String modelFamily, String name, String modelName) {
        UNetConfig c = config.unet();
        List<String> differences = new ArrayList<>();
        if (c.contextDim() != unet.contextDim()) {
            differences.add("text context " + c.contextDim() + " wide, the model's " + unet.contextDim());
        }
        if (c.modelChannels() != unet.modelChannels() || !Arrays.equals(c.channelMult(), unet.channelMult())) {
            differences.add("level widths " + widths(c) + ", the model's " + widths(unet));
        }
        if (c.useLinearInTransformer() != unet.useLinearInTransformer()) {
            differences.add("attention projected by " + projection(c) + ", the model's by " + projection(unet));
        }
        if (c.numResBlocks() != unet.numResBlocks()) {
            differences.add(c.numResBlocks() + " residual blocks per level, the model " + unet.numResBlocks());
        }
        if (!differences.isEmpty()) {
            throw new InvalidRequestException("ControlNet " + name + " was made for " + family + " models, not for "
                    + modelName + " (" + modelFamily + "): " + String.join("; ", differences)
                    + ". Use a ControlNet made for " + modelFamily + " models");
        }
    }

    private static String projection(UNetConfig u) {
        return u.useLinearInTransformer() ? "linear layers (SD 2.x)" : "1x1 convolutions (SD 1.x)";
    }

    private static String widths(UNetConfig u) {
        return Arrays.toString(Arrays.stream(u.channelMult()).map(m -> m * u.modelChannels()).toArray());
    }
}
