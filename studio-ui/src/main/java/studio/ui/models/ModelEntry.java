package studio.ui.models;

import studio.engine.api.GenerationRequest;

/**
 * A model the studio can pick.
 *
 * @param id      what goes into {@link GenerationRequest#modelId()}: "default" or the checkpoint's path
 * @param name    what the picker and the status bar show
 * @param details family and size in words ("SD 1.x · 2.13 GB"), or why it is listed without them
 * @param family  the detected family ("SD 1.x", "SDXL", ...), or empty when not known yet
 */
public record ModelEntry(String id, String name, String details, String family) {

    public static final ModelEntry DEFAULT = new ModelEntry(GenerationRequest.DEFAULT_MODEL, "default", "built in",
            "emoji LDM");

    public ModelEntry {
        family = family == null ? "" : family;
    }

    /** An entry whose family is not known yet. */
    public ModelEntry(String id, String name, String details) {
        this(id, name, details, "");
    }

    public boolean isDefault() {
        return GenerationRequest.DEFAULT_MODEL.equals(id);
    }

    @Override
    public String toString() {
        return name + " — " + details;
    }
}
