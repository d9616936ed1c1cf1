package studio.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.ImageLoader;

/** {@code studio generate}: text-to-image, img2img (--init) and inpainting (--init with --mask). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate images from a prompt (and optionally an init image and mask) and write PNG files.")
public final class GenerateCommand extends PromptCommand {
    @Option(names = "--init", paramLabel = "IMG", description = "Start from this image (img2img); resized to cover the output size.")
    Path init;

    @Option(names = "--strength", description = "How much of the init image to repaint, 0..1 (default: 0.75).")
    Double strength;

    @Option(names = "--mask", paramLabel = "IMG", description = "Inpaint: white repaints, black keeps, grey blends (needs --init).")
    Path mask;

    @Option(names = "--mask-blur", paramLabel = "PX", description = "Feather of the mask edge in pixels, 0 to "
            + GenerationRequest.MAX_MASK_BLUR + " (default: 4).")
    Integer maskBlur;

    @Option(names = "--inpaint-area", description = "whole or masked (work on a padded crop around the mask) (default: whole).")
    String inpaintArea;

    @Override
    public Integer call() throws Exception {
        GenerationRequest.Builder b = options.toBuilder();
        if (mask != null && init == null) {
            throw new InvalidRequestException("--mask needs --init IMG: the image to inpaint");
        }
        if (init != null) {
            b.initImage(ImageLoader.load(init));
        }
        if (mask != null) {
            b.mask(ImageLoader.loadMask(mask));
        }
        if (strength != null) {
            b.strength(strength);
        }
        if (maskBlur != null) {
            b.maskBlur(maskBlur);
        }
        if (inpaintArea != null) {
            b.inpaintArea(InpaintArea.parse(inpaintArea));
        }
        return run(b);
    }
}
