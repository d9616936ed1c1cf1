package studio.ui.canvas;

import studio.engine.api.GenerationRequest.Mode;
import studio.engine.edit.OutpaintFill;
import studio.engine.edit.OutpaintPreparation;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * Cuts the request's inputs out of the canvas under the frame. Which flow that is (InvokeAI's rule:
 * one canvas, four flows) is the engine's decision ({@link Mode#forFrame}); outpainting's fill and
 * seam band are the engine's one preparation ({@link OutpaintPreparation}), which the command line's
 * {@code outpaint} uses too.
 */
public final class FrameComposer {
    private FrameComposer() {
    }

    /** The flow for this frame, cheap enough to run on every frame move. */
    public static Mode mode(ImageLayer image, MaskLayer mask, Rect frame) {
        long covered = image.countCovered(frame);
        return Mode.forFrame(covered, frame.area(), covered == frame.area() && !mask.isEmptyIn(frame));
    }

    /** The mode and the init image and mask under the frame. */
    public static FrameInputs compose(ImageLayer image, MaskLayer mask, Rect frame) {
        Mode mode = mode(image, mask, frame);
        int w = frame.width();
        int h = frame.height();
        return switch (mode) {
            case TXT2IMG -> new FrameInputs(mode, null, null);
            case IMG2IMG -> new FrameInputs(mode, opaque(w, h, image.crop(frame)), null);
            case INPAINT -> new FrameInputs(mode, opaque(w, h, image.crop(frame)), new GrayImage(w, h, mask.crop(frame)));
            case OUTPAINT -> {
                OutpaintPreparation.Prepared prepared = OutpaintPreparation.prepare(image.crop(frame), w, h,
                        mask.crop(frame), OutpaintFill.EXTEND, OutpaintPreparation.defaultOverlap(w, h), 0);
                yield new FrameInputs(mode, prepared.image(), prepared.mask());
            }
        };
    }

    private static RgbImage opaque(int w, int h, int[] px) {
        for (int i = 0; i < px.length; i++) {
            px[i] |= 0xFF000000;
        }
        return new RgbImage(w, h, px);
    }
}
