package studio.engine.api;

import java.util.Objects;

/**
 * One LoRA a request applies: the file and how strongly, for the U-Net and for the text encoder
 * (AUTOMATIC1111's {@code <lora:NAME:TE:UNET>}; one weight for both unless given separately).
 *
 * @param name       what the prompt tag and the PNG parameters call it: the file's stem
 * @param path       the .safetensors file
 * @param unetWeight multiplies the U-Net's updates
 * @param textWeight multiplies the text encoder's updates
 */
public record LoraWeight(String name, String path, double unetWeight, double textWeight) {
    public LoraWeight {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }

    /** The same weight for U-Net and text encoder. */
    public static LoraWeight of(String name, String path, double weight) {
        return new LoraWeight(name, path, weight, weight);
    }

    /** The problems of this LoRA's weights (see {@link GenerationRequest#MAX_LORA_WEIGHT}). */
    java.util.List<String> problems() {
        java.util.List<String> p = new java.util.ArrayList<>();
        for (double w : new double[] {unetWeight, textWeight}) {
            if (!(Math.abs(w) <= GenerationRequest.MAX_LORA_WEIGHT)) {
                p.add("LoRA '" + name + "': weight must be between -" + GenerationRequest.MAX_LORA_WEIGHT + " and "
                        + GenerationRequest.MAX_LORA_WEIGHT + ", got " + w);
                break;
            }
        }
        return p;
    }
}
