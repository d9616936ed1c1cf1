package studio.engine.pipeline;

import studio.engine.api.GenerationRequest;
import studio.engine.edit.Composite;
import studio.engine.edit.Masks;
import studio.engine.io.Images;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * The pixel-space side of an edit at the requested size: the init image (cover-cropped), the mask
 * (resized and feathered by the mask blur), and the final composite that keeps every pixel outside
 * the feathered mask exactly as it was.
 *
 * @param init        init image at the output size, or null for text-to-image
 * @param blurredMask feathered mask at the output size, or null when nothing is masked
 */
record EditInputs(RgbImage init, GrayImage blurredMask) {

    static EditInputs prepare(GenerationRequest r) {
        if (r.initImage() == null) {
            return new EditInputs(null, null);
        }
        RgbImage init = Images.coverCrop(r.initImage(), r.width(), r.height());
        if (r.mask() == null) {
            return new EditInputs(init, null);
        }
        GrayImage mask = Images.resize(r.mask(), r.width(), r.height());
        return new EditInputs(init, Masks.blur(mask, r.maskBlur()));
    }

    RgbImage composite(RgbImage generated) {
        return blurredMask == null ? generated : Composite.blend(init, generated, blurredMask);
    }
}
