package studio.ui.settings;

import javafx.beans.value.ObservableBooleanValue;

/**
 * What the model section's buttons do; the window supplies them, since they open dialogs and
 * read files.
 *
 * @param scanning true while the models folder is being read (the refresh button waits)
 */
public record ModelActions(Runnable refresh, Runnable add, Runnable chooseFolder, ObservableBooleanValue scanning) {
}
