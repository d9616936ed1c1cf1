package studio.ui.models;

import studio.engine.api.GenerationRequest;

/**
 * A model the studio can pick.
 *
 * @param id    what goes into {@link GenerationRequest#modelId()}: "default" or the checkpoint's path
 * @param label what the picker shows
 */
public record ModelEntry(String id, String label) {

    public static final ModelEntry DEFAULT = new ModelEntry(GenerationRequest.DEFAULT_MODEL, "default (built in)");

    @Override
    public String toString() {
        return label;
    }
}
