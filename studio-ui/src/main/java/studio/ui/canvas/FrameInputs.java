package studio.ui.canvas;

import studio.engine.api.GenerationRequest.Mode;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * What the canvas under the frame contributes to a request.
 *
 * @param mode      the flow the frame's position implies
 * @param initImage the picture under the frame (empty parts filled for outpaint), or null for text to image
 * @param mask      the area to repaint (painted mask, plus the new area and an overlap band for outpaint), or null
 */
public record FrameInputs(Mode mode, RgbImage initImage, GrayImage mask) {
}
