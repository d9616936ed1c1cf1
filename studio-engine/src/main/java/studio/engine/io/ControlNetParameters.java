package studio.engine.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.ModelName;

/**
 * The ControlNet units of an infotext in sd-webui-controlnet's form, one setting per unit:
 * <pre>
 * ControlNet 0: "Module: canny, Model: control_v11p_sd15_canny, Weight: 1, Resize Mode: Crop and Resize,
 *   Threshold A: 100, Threshold B: 200, Guidance Start: 0, Guidance End: 1, Control Mode: Balanced"
 * </pre>
 * Modules are written by the extension's names where it has the same operation ({@code invert} for
 * lineart-invert). The image is not part of the parameters: restoring gives the settings of a unit,
 * its image comes from the user (or the canvas).
 *
 * @param module the studio's preprocessor name ({@link ControlUnit#PREPROCESSORS}), or the
 *               extension's module name as written when the studio has no such preprocessor
 * @param model  the ControlNet's display name (file name without {@code .safetensors})
 */
public record ControlNetParameters(String module, String model, double weight, double start, double end,
                                   ControlMode mode, int thresholdA, int thresholdB) {
    private static final String KEY = "ControlNet ";

    /** The infotext settings of a request's units, "ControlNet 0" ... in order. */
    static Map<String, String> format(List<ControlUnit> units) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            ControlUnit u = units.get(i);
            Map<String, String> s = new LinkedHashMap<>();
            s.put("Module", u.preprocessor().equals("lineart-invert") ? "invert" : u.preprocessor());
            s.put("Model", ModelName.of(u.model()));
            s.put("Weight", A1111Parameters.number(u.weight()));
            s.put("Resize Mode", "Crop and Resize");
            s.put("Threshold A", Integer.toString(u.cannyLow()));
            s.put("Threshold B", Integer.toString(u.cannyHigh()));
            s.put("Guidance Start", A1111Parameters.number(u.start()));
            s.put("Guidance End", A1111Parameters.number(u.end()));
            s.put("Control Mode", u.mode().label());
            List<String> pairs = new ArrayList<>();
            s.forEach((k, v) -> pairs.add(k + ": " + A1111Parameters.quote(v)));
            out.put(KEY + i, String.join(", ", pairs));
        }
        return out;
    }

    /** The units recorded in an infotext's settings, by index from 0 until one is missing. */
    static List<ControlNetParameters> parse(Map<String, String> settings) {
        List<ControlNetParameters> out = new ArrayList<>();
        for (int i = 0; settings.containsKey(KEY + i); i++) {
            out.add(parseUnit(KEY + i, settings.get(KEY + i)));
        }
        return out;
    }

    private static ControlNetParameters parseUnit(String key, String text) {
        Map<String, String> s = new LinkedHashMap<>();
        SettingsScanner.scan(text, (k, v) -> s.putIfAbsent(k, A1111Parameters.unquote(v)));
        String module = s.getOrDefault("Module", "none").strip();
        String ours = switch (module.toLowerCase(Locale.ROOT)) {
            case "invert", "invert (from white bg & black line)", "lineart-invert" -> "lineart-invert";
            default -> module.toLowerCase(Locale.ROOT);
        };
        // ControlNet models are named "name [hash]" by the extension; the name is the file's
        String model = s.getOrDefault("Model", "").replaceFirst("\\s*\\[[0-9a-fA-F]+\\]$", "").strip();
        return new ControlNetParameters(ours, model, number(key, s, "Weight", 1), number(key, s, "Guidance Start", 0),
                number(key, s, "Guidance End", 1),
                s.containsKey("Control Mode") ? ControlMode.parse(s.get("Control Mode")) : ControlMode.BALANCED,
                (int) Math.round(number(key, s, "Threshold A", ControlUnit.DEFAULT_CANNY_LOW)),
                (int) Math.round(number(key, s, "Threshold B", ControlUnit.DEFAULT_CANNY_HIGH)));
    }

    private static double number(String key, Map<String, String> s, String name, double fallback) {
        String v = s.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException(key + ": " + name + " '" + v + "' is not a number");
    }

    /** Whether the studio can run this unit's module (the others need neural preprocessors). */
    public boolean moduleKnown() {
        return ControlUnit.PREPROCESSORS.contains(module);
    }

    /**
     * {@code unit} with these settings: preprocessor (when the studio has it), weight, start/end, mode
     * and thresholds; its model and image are kept.
     */
    public ControlUnit applyTo(ControlUnit unit) {
        return new ControlUnit(unit.model(), unit.image(), moduleKnown() ? module : unit.preprocessor(), weight, start,
                end, mode, thresholdA, thresholdB);
    }

    /** The module in words, for a warning when it is not one the studio runs. */
    public Optional<String> moduleWarning() {
        return moduleKnown() ? Optional.empty() : Optional.of("ControlNet module '" + module + "' needs a neural "
                + "preprocessor the studio does not have; give its result (a depth or pose image) as the control "
                + "image with preprocessor none");
    }
}
