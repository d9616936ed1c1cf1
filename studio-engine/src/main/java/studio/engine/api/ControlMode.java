package studio.engine.api;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a ControlNet's residuals are weighed against the prompt, as AUTOMATIC1111's sd-webui-controlnet
 * names and computes its "Control Mode" (the labels are what its PNG parameters record).
 */
public enum ControlMode {
    /** Every residual × weight, on the conditional and the unconditional pass. */
    BALANCED("Balanced"),
    /** Residual k of 13 × weight·0.825^(12−k): the deep residuals count, the fine ones fade. */
    PROMPT("My prompt is more important"),
    /** As {@link #PROMPT}, and the unconditional pass gets none, so guidance amplifies the control. */
    CONTROL("ControlNet is more important");

    private final String label;

    ControlMode(String label) {
        this.label = label;
    }

    /** The name on the command line: balanced, prompt, control (the constant's name in lower case). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A1111's label. */
    public String label() {
        return label;
    }

    /** By name (balanced, prompt, control) or by A1111's label, any case. */
    public static ControlMode parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (ControlMode m : values()) {
            if (m.id().equals(t) || m.label.toLowerCase(Locale.ROOT).equals(t)) {
                return m;
            }
        }
        throw new InvalidRequestException("unknown control mode '" + text + "'; choose one of: "
                + String.join(", ", Arrays.stream(values()).map(ControlMode::id).toList()));
    }
}
