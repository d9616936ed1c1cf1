package studio.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.edit.OutpaintCanvas;
import studio.engine.edit.OutpaintFill;
import studio.engine.image.RgbImage;
import studio.engine.io.ImageLoader;

/** {@code studio outpaint}: extend an image on any side and fill the new area to match. */
@Command(name = "outpaint", mixinStandardHelpOptions = true,
        description = "Extend an image by the given pixels on each side and fill the new area.")
public final class OutpaintCommand extends PromptCommand {
    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The image to extend.")
    Path image;

    @Option(names = "--left", defaultValue = "0", description = "Pixels to add on the left.")
    int left;

    @Option(names = "--right", defaultValue = "0", description = "Pixels to add on the right.")
    int right;

    @Option(names = "--top", defaultValue = "0", description = "Pixels to add at the top.")
    int top;

    @Option(names = "--bottom", defaultValue = "0", description = "Pixels to add at the bottom.")
    int bottom;

    @Option(names = "--fill", defaultValue = "extend",
            description = "Pre-fill of the new area: extend, mirror, noise or colour (default: ${DEFAULT-VALUE}).")
    String fill;

    @Option(names = "--overlap", defaultValue = "8", paramLabel = "PX",
            description = "How far the repainted band reaches back into the old image, blended (default: ${DEFAULT-VALUE}).")
    int overlap;

    @Option(names = "--strength", defaultValue = "1.0", description = "Repaint strength of the new area (default: ${DEFAULT-VALUE}).")
    double strength;

    @Override
    public Integer call() throws Exception {
        GenerationRequest.Builder b = options.toBuilder();
        RgbImage source = ImageLoader.load(image);
        long seed = b.build().seed();
        OutpaintCanvas canvas = OutpaintCanvas.create(source, left, right, top, bottom, OutpaintFill.parse(fill), overlap, seed);
        int w = canvas.image().width();
        int h = canvas.image().height();
        if (w % GenerationRequest.SIZE_MULTIPLE != 0 || h % GenerationRequest.SIZE_MULTIPLE != 0) {
            throw new InvalidRequestException("the extended image would be " + w + "x" + h
                    + "; width and height must be multiples of 8: change --left/--right (width) or --top/--bottom (height)");
        }
        // The overlap band is already a feathered ramp; extra blur would reach past it into the kept pixels.
        b.initImage(canvas.image()).mask(canvas.mask()).maskBlur(0).strength(strength).size(w, h);
        return run(b);
    }
}
