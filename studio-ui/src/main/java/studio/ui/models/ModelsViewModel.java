package studio.ui.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import studio.ui.fx.TaskExecutor;
import studio.ui.notices.Notice;
import studio.ui.notices.Notices;
import studio.ui.settings.GenerationSettings;
import studio.ui.status.StatusViewModel;

/**
 * The models the studio can pick: scans the models folder and the added checkpoints in the
 * background, adds a checkpoint after checking it, and says in words what could not be used.
 */
public final class ModelsViewModel {
    private final GenerationSettings settings;
    private final StatusViewModel status;
    private final TaskExecutor executor;
    private final Notices notices;
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanningModels");

    public ModelsViewModel(GenerationSettings settings, StatusViewModel status, TaskExecutor executor,
                           Notices notices) {
        this.settings = settings;
        this.status = status;
        this.executor = executor;
        this.notices = notices;
    }

    /** Looks for models in the models folder (and the added ones) again, in the background. */
    public void refresh() {
        Path folder = settings.modelsFolderProperty().get();
        List<String> added = List.copyOf(settings.addedModels());
        scanning.set(true);
        executor.run(() -> ModelScanner.scan(folder, added), scan -> {
            scanning.set(false);
            String lost = settings.setModels(scan.models());
            List<String> problems = new ArrayList<>(scan.problems());
            if (lost != null) {
                problems.add(0, "the model " + lost + " is no longer available, so the default model is chosen");
            }
            if (!problems.isEmpty()) {
                notices.notify(Notice.Kind.ERROR, "Models: " + String.join("; ", problems));
            }
        }, error -> {
            scanning.set(false);
            notices.notify(Notice.Kind.ERROR, "Could not look for models in " + folder + ": " + reason(error));
        });
    }

    /** Uses another models folder and lists what is in it. */
    public void setFolder(Path folder) {
        settings.modelsFolderProperty().set(folder);
        refresh();
    }

    /** Checks a checkpoint (file or diffusers folder) in the background and, if it is usable, adds and picks it. */
    public void add(Path path) {
        String name = String.valueOf(path.getFileName());
        status.ended("Checking model " + name + "…");
        executor.run(() -> ModelScanner.inspect(path), entry -> {
            settings.addModel(entry);
            status.ended("Added model " + entry.name());
            notices.notify(Notice.Kind.INFO, "Added model " + entry.name() + " (" + entry.details() + "); it stays where it is.");
        }, error -> {
            status.ended("Model not added");
            notices.notify(Notice.Kind.ERROR, "Cannot add " + name + " as a model: " + reason(error));
        });
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
