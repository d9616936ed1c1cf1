package studio.engine.api;

import java.util.List;
import studio.engine.image.RgbImage;

/** Turns a valid request into images; runs only on the engine thread. */
@FunctionalInterface
public interface Generator {
    /** One image per batch item, in order. */
    List<RgbImage> generate(GenerationRequest request, Progress progress);
}
