package studio.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import studio.engine.image.RgbImage;

/**
 * One ControlNet steering a generation, with AUTOMATIC1111 sd-webui-controlnet's settings and meaning.
 *
 * @param model        the ControlNet: a path to its .safetensors file or diffusers folder
 * @param image        the control image as given (any size; resized to the output size)
 * @param preprocessor what turns the image into the hint: {@code none}, {@code canny}, {@code scribble},
 *                     {@code lineart-invert} (see {@link #PREPROCESSORS})
 * @param weight       multiplies the ControlNet's residuals, 0 to {@link #MAX_WEIGHT}
 * @param start        first controlled fraction of the steps: step i (0-based) of n is controlled when
 *                     start ≤ i/n ≤ end, inclusive at both ends
 * @param end          last controlled fraction of the steps
 * @param mode         how the residuals are weighed against the prompt
 * @param cannyLow     canny's low hysteresis threshold on the gradient magnitude (A1111's Threshold A)
 * @param cannyHigh    canny's high threshold (A1111's Threshold B)
 */
public record ControlUnit(String model, RgbImage image, String preprocessor, double weight, double start, double end,
                          ControlMode mode, int cannyLow, int cannyHigh) {
    public static final List<String> PREPROCESSORS = List.of("none", "canny", "scribble", "lineart-invert");
    /** A1111's weight slider goes to 2. */
    public static final double MAX_WEIGHT = 2;
    /** Canny thresholds are on 8-bit gradient magnitudes (L1 of two Sobel responses: up to 2040). */
    public static final int MAX_CANNY_THRESHOLD = 2040;
    public static final int DEFAULT_CANNY_LOW = 100;
    public static final int DEFAULT_CANNY_HIGH = 200;

    public ControlUnit {
        Objects.requireNonNull(model, "model");
        preprocessor = preprocessor == null ? "none" : preprocessor;
        mode = mode == null ? ControlMode.BALANCED : mode;
    }

    /** A unit with A1111's defaults: weight 1, all steps, balanced, canny 100/200. */
    public static ControlUnit of(String model, RgbImage image, String preprocessor) {
        return new ControlUnit(model, image, preprocessor, 1, 0, 1, ControlMode.BALANCED, DEFAULT_CANNY_LOW,
                DEFAULT_CANNY_HIGH);
    }

    public ControlUnit withWeight(double w) {
        return new ControlUnit(model, image, preprocessor, w, start, end, mode, cannyLow, cannyHigh);
    }

    public ControlUnit withRange(double s, double e) {
        return new ControlUnit(model, image, preprocessor, weight, s, e, mode, cannyLow, cannyHigh);
    }

    public ControlUnit withMode(ControlMode m) {
        return new ControlUnit(model, image, preprocessor, weight, start, end, m, cannyLow, cannyHigh);
    }

    public ControlUnit withCanny(int low, int high) {
        return new ControlUnit(model, image, preprocessor, weight, start, end, mode, low, high);
    }

    /** Whether step {@code i} (0-based) of {@code n} is controlled: start ≤ i/n ≤ end. */
    public boolean controls(int i, int n) {
        double at = (double) i / n;
        return start <= at && at <= end;
    }

    /** Every problem with this unit, in words; {@code label} names it ("control 1"). */
    List<String> problems(String label) {
        List<String> p = new ArrayList<>();
        if (model.isBlank()) {
            p.add(label + ": no ControlNet model chosen");
        }
        if (image == null) {
            p.add(label + ": no control image; give one (or use the canvas)");
        }
        if (!PREPROCESSORS.contains(preprocessor)) {
            p.add(label + ": unknown preprocessor '" + preprocessor + "'; choose one of: " + String.join(", ", PREPROCESSORS));
        }
        if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
            p.add(label + ": weight must be between 0 and " + (int) MAX_WEIGHT + ", got " + weight);
        }
        if (!(start >= 0 && start <= 1) || !(end >= 0 && end <= 1)) {
            p.add(label + ": start and end are fractions of the steps, between 0 and 1; got " + start + " and " + end);
        } else if (start > end) {
            p.add(label + ": start " + start + " is after end " + end + "; no step would be controlled");
        }
        if (cannyLow < 0 || cannyHigh > MAX_CANNY_THRESHOLD || cannyLow > cannyHigh) {
            p.add(label + ": canny thresholds must satisfy 0 <= low <= high <= " + MAX_CANNY_THRESHOLD + ", got "
                    + cannyLow + " and " + cannyHigh);
        }
        return p;
    }
}
