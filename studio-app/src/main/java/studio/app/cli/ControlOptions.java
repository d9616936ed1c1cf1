package studio.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.io.ControlNetParameters;
import studio.engine.io.ImageLoader;

/**
 * One ControlNet on the command line: {@code --control FILE --control-image HINT.png} and its settings;
 * repeat the group for several. Unset settings take --from-png's unit of the same index, else
 * sd-webui-controlnet's defaults.
 */
public final class ControlOptions {
    @Option(names = "--control", required = true, paramLabel = "FILE",
            description = "A ControlNet: .safetensors (original or diffusers names) or a diffusers ControlNet folder. "
                    + "Repeat --control with its own --control-* options for several ControlNets (their effects add).")
    Path model;

    @Option(names = "--control-image", required = true, paramLabel = "HINT.png",
            description = "The control image (an edge map, scribble, depth or pose image, or a picture to preprocess); "
                    + "cropped and resized to the output size.")
    Path image;

    @Option(names = "--control-weight", paramLabel = "W", description = "Strength of the control, 0 to "
            + (int) ControlUnit.MAX_WEIGHT + " (default: 1).")
    Double weight;

    @Option(names = "--control-start", paramLabel = "S",
            description = "First steered fraction of the steps, 0..1: step i of n is steered when S <= i/n <= E (default: 0).")
    Double start;

    @Option(names = "--control-end", paramLabel = "E", description = "Last steered fraction of the steps, 0..1 (default: 1).")
    Double end;

    @Option(names = "--control-mode", paramLabel = "MODE", description = "balanced, prompt (the prompt matters more) "
            + "or control (the ControlNet matters more) (default: balanced).")
    String mode;

    @Option(names = "--control-preprocess", paramLabel = "NAME", description = "none (the image is the hint: an edge "
            + "map, depth or pose image), canny (edges of a picture), scribble (dark strokes on light -> white lines on "
            + "black) or lineart-invert (default: none). Depth and pose need neural preprocessors: give their result with none.")
    String preprocess;

    @Option(names = "--canny-low", paramLabel = "T", description = "Canny low threshold (default: 100).")
    Integer cannyLow;

    @Option(names = "--canny-high", paramLabel = "T", description = "Canny high threshold (default: 200).")
    Integer cannyHigh;

    /** The unit these options give, on top of {@code restored} (a PNG's unit of the same index) when not null. */
    ControlUnit toUnit(ControlNetParameters restored) {
        ControlUnit unit = ControlUnit.of(model.toString(), ImageLoader.load(image), "none");
        if (restored != null) {
            unit = restored.applyTo(unit);
        }
        ControlUnit u = unit;
        return new ControlUnit(u.model(), u.image(), Optional.ofNullable(preprocess).orElse(u.preprocessor()),
                Optional.ofNullable(weight).orElse(u.weight()), Optional.ofNullable(start).orElse(u.start()),
                Optional.ofNullable(end).orElse(u.end()), mode == null ? u.mode() : ControlMode.parse(mode),
                Optional.ofNullable(cannyLow).orElse(u.cannyLow()), Optional.ofNullable(cannyHigh).orElse(u.cannyHigh()));
    }
}
