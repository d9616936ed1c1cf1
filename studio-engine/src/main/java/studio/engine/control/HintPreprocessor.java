package studio.engine.control;

import studio.engine.api.ControlUnit;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.RgbImage;

/**
 * Turns a control image into the hint a ControlNet reads, without any network or weights. Neural
 * preprocessors (depth, pose, HED) need weights the studio cannot fetch: give their result as the
 * control image with {@code none}.
 */
public final class HintPreprocessor {
    private HintPreprocessor() {
    }

    /**
     * The hint a unit gives at a size: its image cover-cropped to {@code width}×{@code height} (as
     * A1111's "Crop and Resize"), then preprocessed at that size. The pipeline and the studio's hint
     * overlay both call this.
     */
    public static RgbImage hint(ControlUnit unit, int width, int height) {
        return apply(unit, studio.engine.io.Images.coverCrop(unit.image(), width, height));
    }

    /** The hint for {@code unit}'s preprocessor, from its image already at the hint size. */
    public static RgbImage apply(ControlUnit unit, RgbImage image) {
        return switch (unit.preprocessor()) {
            case "none" -> image;
            case "canny" -> Canny.edges(image, unit.cannyLow(), unit.cannyHigh());
            case "scribble" -> scribble(image);
            case "lineart-invert" -> invert(image);
            default -> throw new InvalidRequestException("unknown preprocessor '" + unit.preprocessor()
                    + "'; choose one of: " + String.join(", ", ControlUnit.PREPROCESSORS));
        };
    }

    /**
     * A sketch painted dark on light → white lines on black: a pixel is a line where its darkest
     * channel is below 127, the rule of the original ControlNet scribble demo
     * ({@code gradio_scribble2image.py}: {@code detected_map[np.min(img, axis=2) < 127] = 255}).
     */
    public static RgbImage scribble(RgbImage image) {
        int[] px = image.pixels();
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int min = Math.min((p >> 16) & 0xFF, Math.min((p >> 8) & 0xFF, p & 0xFF));
            out[i] = min < 127 ? 0xFFFFFFFF : 0xFF000000;
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** Black lines on white → white on black (A1111's {@code invert}: 255 − pixel). */
    public static RgbImage invert(RgbImage image) {
        int[] px = image.pixels();
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = 0xFF000000 | (~px[i] & 0xFFFFFF);
        }
        return new RgbImage(image.width(), image.height(), out);
    }
}
