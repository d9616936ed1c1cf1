package studio.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.engine.api.Progress;
import studio.engine.edit.Box;
import studio.engine.edit.Composite;
import studio.engine.edit.Masks;
import studio.engine.io.Images;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * "Inpaint area: only masked" (AUTOMATIC1111): a padded box around the mask is cut out, scaled to the
 * requested size so the model works on the small region at full resolution, inpainted, scaled back and
 * composited into the whole picture through the feathered mask.
 */
final class OnlyMaskedInpaint {
    /** Context kept around the mask, in pixels of the original image (A1111's default padding). */
    static final int PADDING = 32;

    private OnlyMaskedInpaint() {
    }

    static List<RgbImage> run(GenerationRequest r, Progress progress, Function<GenerationRequest, List<RgbImage>> whole) {
        RgbImage image = r.initImage();
        GrayImage mask = Masks.blur(Images.resize(r.mask(), image.width(), image.height()), r.maskBlur());
        Box tight = Masks.bounds(mask);
        Box crop = tight.expandForCrop(PADDING, r.width(), r.height(), image.width(), image.height());
        GenerationRequest inner = r.toBuilder()
                .initImage(Images.resize(image.crop(crop.x(), crop.y(), crop.width(), crop.height()), r.width(), r.height()))
                .mask(Images.resize(mask.crop(crop.x(), crop.y(), crop.width(), crop.height()), r.width(), r.height()))
                .maskBlur(0) // already feathered at the original scale
                .inpaintArea(InpaintArea.WHOLE)
                .controls(r.controls().stream().map(c -> cropped(c, image, crop)).toList())
                .build();
        List<RgbImage> out = new ArrayList<>();
        for (RgbImage patch : whole.apply(inner)) {
            progress.checkCancelled();
            RgbImage back = Images.resize(patch, crop.width(), crop.height());
            RgbImage placed = Composite.paste(image, back, crop.x(), crop.y());
            out.add(Composite.blend(image, placed, mask));
        }
        return out;
    }

    /** A control image laid over the whole picture (as the init image is), cut to the same box. */
    private static ControlUnit cropped(ControlUnit unit, RgbImage picture, Box crop) {
        RgbImage whole = Images.coverCrop(unit.image(), picture.width(), picture.height());
        return new ControlUnit(unit.model(), whole.crop(crop.x(), crop.y(), crop.width(), crop.height()),
                unit.preprocessor(), unit.weight(), unit.start(), unit.end(), unit.mode(), unit.cannyLow(),
                unit.cannyHigh());
    }
}
