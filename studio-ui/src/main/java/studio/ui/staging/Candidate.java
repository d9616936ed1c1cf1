package studio.ui.staging;

import java.nio.file.Path;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;

/**
 * A result waiting in the frame to be accepted or discarded.
 *
 * @param target where on the canvas it was generated (the frame at the time of the request)
 */
public record Candidate(RgbImage image, GenerationRequest parameters, Path savedTo, Rect target) {
}
