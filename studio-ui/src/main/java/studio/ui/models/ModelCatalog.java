package studio.ui.models;

import java.util.List;

/** The models the studio offers in its picker. */
public interface ModelCatalog {
    /** The models available now, the default first; read again each time the user refreshes. */
    List<ModelEntry> models();
}
