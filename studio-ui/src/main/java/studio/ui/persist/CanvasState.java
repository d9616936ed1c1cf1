package studio.ui.persist;

import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;

/**
 * The canvas as autosaved: the picture (transparent pixels are empty canvas) at its place, the mask
 * over the same area, and the generation frame.
 *
 * @param image  the picture, or null for an empty canvas
 * @param imageX where the picture's top-left corner sits on the canvas
 * @param mask   the mask over the picture's area, or null when nothing is painted
 */
public record CanvasState(RgbImage image, int imageX, int imageY, GrayImage mask, Rect frame) {

    public CanvasState {
        if (image != null && mask != null && (mask.width() != image.width() || mask.height() != image.height())) {
            throw new IllegalArgumentException("mask " + mask.width() + "x" + mask.height()
                    + " does not cover the picture " + image.width() + "x" + image.height());
        }
    }
}
