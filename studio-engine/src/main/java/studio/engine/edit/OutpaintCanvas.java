package studio.engine.edit;

import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * Places an image on a larger canvas for outpainting (the command line's margins); the new area is
 * pre-filled and masked by {@link OutpaintPreparation}, as the studio's frame is.
 *
 * @param image the pre-filled canvas (the init image)
 * @param mask  1 on the new area, ramping to 0 across the overlap band
 * @param inner where the original image sits on the canvas
 */
public record OutpaintCanvas(RgbImage image, GrayImage mask, Box inner) {

    public static OutpaintCanvas create(RgbImage source, int left, int right, int top, int bottom,
                                        OutpaintFill fill, int overlap, long seed) {
        if (left < 0 || right < 0 || top < 0 || bottom < 0) {
            throw new InvalidRequestException("outpaint amounts must not be negative");
        }
        if (left + right + top + bottom == 0) {
            throw new InvalidRequestException("nothing to outpaint: give --left, --right, --top or --bottom in pixels");
        }
        if (overlap < 0) {
            throw new InvalidRequestException("overlap must not be negative, got " + overlap);
        }
        int w = source.width() + left + right;
        int h = source.height() + top + bottom;
        if (w > GenerationRequest.MAX_SIDE || h > GenerationRequest.MAX_SIDE || (long) w * h > GenerationRequest.MAX_PIXELS) {
            throw new InvalidRequestException("the outpainted canvas would be " + w + "x" + h
                    + ", over the limit of " + GenerationRequest.MAX_SIDE + " px a side and 16 MP");
        }
        // The source on an empty (alpha 0) canvas, then the same preparation the studio's frame gets.
        int[] canvas = new int[w * h];
        int sw = source.width();
        int sh = source.height();
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                canvas[(y + top) * w + x + left] = source.argb(x, y) | 0xFF000000;
            }
        }
        OutpaintPreparation.Prepared prepared = OutpaintPreparation.prepare(canvas, w, h, null, fill, overlap, seed);
        return new OutpaintCanvas(prepared.image(), prepared.mask(), new Box(left, top, sw, sh));
    }
}
