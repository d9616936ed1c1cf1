package studio.engine.nn.clip;

/**
 * Width and depth of a CLIP-style text transformer.
 *
 * @param vocabSize    token embedding rows (CLIP: 49408)
 * @param width        hidden width (ViT-L/14: 768, ViT-H/14: 1024)
 * @param layers       transformer layers (ViT-L: 12, ViT-H: 24)
 * @param heads        attention heads (ViT-L: 12, ViT-H: 16)
 * @param contextLength positions (77)
 * @param projectionDim width of OpenCLIP's text_projection (unused by SD, but a key in the file)
 */
public record TextEncoderConfig(int vocabSize, int width, int layers, int heads, int contextLength, int projectionDim) {

    public static TextEncoderConfig clipVitL14() {
        return new TextEncoderConfig(49408, 768, 12, 12, 77, 768);
    }

    public static TextEncoderConfig openClipVitH14() {
        return new TextEncoderConfig(49408, 1024, 24, 16, 77, 1024);
    }
}
