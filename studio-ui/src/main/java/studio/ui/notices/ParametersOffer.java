package studio.ui.notices;

import studio.engine.io.ParsedParameters;

/**
 * Generation parameters found in an opened PNG, waiting for the user to take them over or not.
 *
 * @param source the file's name, for the message
 */
public record ParametersOffer(String source, ParsedParameters parameters) {

    /** A short description for the notice: the prompt's start and the numbers that matter most. */
    public String summary() {
        String p = parameters.prompt().isBlank() ? "(no prompt)" : parameters.prompt().strip().replace('\n', ' ');
        if (p.length() > 50) {
            p = p.substring(0, 47) + "…";
        }
        StringBuilder sb = new StringBuilder("\u201C").append(p).append('\u201D');
        parameters.setting("Seed").ifPresent(v -> sb.append(", seed ").append(v));
        parameters.setting("Steps").ifPresent(v -> sb.append(", ").append(v).append(" steps"));
        parameters.setting("Size").ifPresent(v -> sb.append(", ").append(v));
        return sb.toString();
    }
}
