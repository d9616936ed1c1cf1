package studio.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.RgbImage;
import studio.engine.io.ControlNetParameters;
import studio.engine.io.ParsedParameters;
import studio.engine.model.ModelTokenizers;
import studio.ui.fx.Background;
import studio.ui.fx.TaskExecutor;
import studio.ui.models.ModelsViewModel;
import studio.ui.history.HistoryEntry;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.control.ControlLayers;
import studio.ui.control.ControlViewModel;
import studio.ui.files.ImageFiles;
import studio.ui.history.HistoryViewModel;
import studio.ui.settings.GenerationSettings;
import studio.ui.settings.PromptCounter;
import studio.ui.staging.Candidate;
import studio.ui.staging.StagingViewModel;
import studio.ui.status.StatusViewModel;
import studio.ui.notices.Notice;
import studio.ui.notices.Notices;
import studio.ui.notices.ParametersOffer;

/**
 * The studio's root view model: owns the feature view models and runs the line
 * settings + canvas → {@link GenerationRequest} → engine → events → preview, staging and history.
 * Engine events must arrive on the FX thread (through {@link studio.ui.fx.FxEngineAdapter}).
 */
public final class StudioViewModel {
    private final DiffusionEngine engine;
    private final ImageFiles files;
    private final TaskExecutor executor;
    private final Notices notices = new Notices(offer -> useParameters(offer.parameters(), offer.source()));
    private final ModelsViewModel models;
    private final GenerationViewModel generation;
    private final GenerationSettings settings;
    private final CanvasViewModel canvas = new CanvasViewModel();
    private final StagingViewModel staging = new StagingViewModel(canvas);
    private final ControlLayers controls = new ControlLayers(canvas);
    private final HistoryViewModel history;
    private final StatusViewModel status;
    private final PromptCounter promptCounter;

    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme", true);

    /** The studio's view model: file and scan work in the {@link Background}. */
    public StudioViewModel(DiffusionEngine engine, GenerationSettings settings, ImageFiles files, String deviceLabel) {
        this(engine, settings, files, deviceLabel, Background.INSTANCE);
    }

    /** @param executor where file and scan work runs (tests: on their own thread, at once) */
    public StudioViewModel(DiffusionEngine engine, GenerationSettings settings, ImageFiles files, String deviceLabel,
                           TaskExecutor executor) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = settings;
        this.files = files;
        this.executor = executor;
        this.history = new HistoryViewModel(settings, canvas, files, executor);
        this.status = new StatusViewModel(deviceLabel);
        this.models = new ModelsViewModel(settings, status, executor, notices);
        this.promptCounter = new PromptCounter(settings, executor, ModelTokenizers::of);
        status.modelProperty().bind(Bindings.createStringBinding(
                () -> settings.modelProperty().get() == null ? "" : settings.modelProperty().get().name(),
                settings.modelProperty()));

        this.generation = new GenerationViewModel(engine, settings, canvas, controls, staging, history, status, notices);
    }

    // ---- files -------------------------------------------------------------------------------

    /**
     * Reads an image file in the background and puts it on the canvas (undoable). When the file
     * carries generation parameters (a PNG from this studio or another tool), offers to take them over.
     */
    public void openImage(Path file) {
        String name = String.valueOf(file.getFileName());
        status.ended("Opening " + name + "…");
        executor.run(() -> opened(file), opened -> {
            openImage(opened.image());
            status.ended("Opened " + name + " (" + opened.image().width() + "×" + opened.image().height() + ")");
            if (opened.parameters() != null) {
                notices.offerParameters(new ParametersOffer(name, opened.parameters()));
            } else if (opened.parametersProblem() != null) {
                notify(Notice.Kind.INFO, "Opened " + name + " as a picture; its generation parameters were not read: "
                        + opened.parametersProblem());
            }
        }, error -> {
            status.ended("Could not open " + name);
            notify(Notice.Kind.ERROR, "Could not open " + name + ": " + reason(error));
        });
    }

    /** Reads a control image for the active ControlNet layer in the background; a bad file is a notice. */
    public void openControlImage(Path file) {
        String name = String.valueOf(file.getFileName());
        ControlViewModel layer = control(); // the layer chosen for, even if another is active when it is read
        executor.run(() -> files.read(file), image -> {
            layer.imageProperty().set(image);
            status.ended("Control image " + name + " (" + image.width() + "×" + image.height() + ")");
        }, error -> notify(Notice.Kind.ERROR, "Could not open the control image " + name + ": " + reason(error)));
    }

    /** The picture, and its parameters or why they could not be read (one of the two is null). */
    private record Opened(RgbImage image, ParsedParameters parameters, String parametersProblem) {
    }

    /** Parameters are a bonus: a PNG whose text chunk cannot be read still opens as a picture. */
    private Opened opened(Path file) throws IOException {
        RgbImage image = files.read(file);
        try {
            return new Opened(image, files.readParameters(file).orElse(null), null);
        } catch (IOException e) {
            return new Opened(image, null, e.getMessage());
        }
    }

    /** Applies parsed parameters; a setting that is not a number is reported and nothing changes. */
    public void useParameters(ParsedParameters p, String source) {
        try {
            settings.applyParameters(p);
        } catch (InvalidRequestException e) {
            notify(Notice.Kind.ERROR, "The parameters in " + source + " could not be used: " + e.getMessage());
            return;
        }
        if (p.width().isPresent() && p.height().isPresent()) {
            canvas.setFrameSize(p.width().getAsInt(), p.height().getAsInt());
        }
        List<String> warnings = new ArrayList<>(p.warnings());
        for (String name : settings.adapters().missing(p.prompt())) {
            warnings.add("it names the LoRA '" + name + "', which is not in " + settings.adapters().loraFolder()
                    + "; put " + name + ".safetensors there to use it");
        }
        List<ControlNetParameters> units = p.controlNets();
        if (!units.isEmpty()) {
            warnings.removeIf(w -> w.startsWith("ControlNet module")); // said once, by the layer's restore below
            warnings.addAll(controls.restore(units, settings.modelsFolderProperty().get()));
        }
        String model = p.model().orElse(null);
        String text = "Restored the parameters of " + source;
        if (model != null && !model.equals(GenerationRequest.DEFAULT_MODEL)
                && !model.equals(settings.modelProperty().get().name())) {
            warnings.add("it was made with the model '" + model + "'; pick it in the model list to remake it exactly");
        }
        notify(Notice.Kind.INFO, warnings.isEmpty() ? text + "." : text + "; " + String.join("; ", warnings) + ".");
    }

    /** Puts an image (pasted, dropped, opened) on the canvas with the frame over it; undoable. */
    public void openImage(RgbImage image) {
        canvas.openImage(image);
    }

    /** The whole canvas picture, or null when it is empty. */
    public RgbImage canvasImage() {
        return canvas.image().toImage();
    }

    /**
     * Hands the result in view (the staged candidate, else the entry selected in the history) and its
     * parameters to {@code onFx}, reading a result of an earlier session from its file in the background.
     *
     * @param what what the result is wanted for, for the messages ("export", "copy")
     * @return false when no result is in view (the user is told)
     */
    public boolean withResult(String what, java.util.function.BiConsumer<RgbImage, GenerationRequest> onFx) {
        Candidate c = staging.currentProperty().get();
        if (c != null) {
            onFx.accept(c.image(), c.parameters());
            return true;
        }
        HistoryEntry h = history.selectedProperty().get();
        if (h == null) {
            notify(Notice.Kind.ERROR, "No result to " + what + ": generate one or pick one in the history first.");
            return false;
        }
        executor.run(() -> h.image(files), image -> onFx.accept(image, h.parameters()),
                error -> notify(Notice.Kind.ERROR, "Could not read the result " + h.savedTo() + ": " + reason(error)));
        return true;
    }

    /** True when a staged or selected result is in view (copy takes it rather than the canvas). */
    public boolean hasResultInView() {
        return staging.currentProperty().get() != null || history.selectedProperty().get() != null;
    }

    /** Writes the canvas picture to a PNG in the background. */
    public void exportCanvas(Path file) {
        RgbImage image = canvasImage();
        if (image == null) {
            notify(Notice.Kind.ERROR, "The canvas is empty: generate or open an image first.");
            return;
        }
        export(file, image, null);
    }

    /** Writes the result in view (staged or selected in the history) to a PNG with its parameters, in the background. */
    public void exportResult(Path file) {
        withResult("export", (image, parameters) -> export(file, image, parameters));
    }

    private void export(Path file, RgbImage image, GenerationRequest parameters) {
        executor.run(() -> {
            files.writePng(file, image, parameters);
            return file;
        }, done -> {
            status.ended("Saved " + file.getFileName());
            notify(Notice.Kind.INFO, "Saved " + file);
        }, error -> notify(Notice.Kind.ERROR, "Could not save " + file.getFileName() + ": " + reason(error)));
    }

    /** Places a history entry on the canvas at the frame (undoable), reading its file in the background if needed. */
    public void sendToCanvas(HistoryEntry entry) {
        executor.run(() -> entry.image(files), canvas::place,
                error -> notify(Notice.Kind.ERROR, "Could not put the result on the canvas: " + reason(error)));
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Shows a message to the user. */
    public void notify(Notice.Kind kind, String text) {
        notices.notify(kind, text);
    }

    public BooleanProperty darkThemeProperty() { return darkTheme; }
    public Notices notices() { return notices; }
    public ModelsViewModel models() { return models; }
    /** Generate, cancel, live mode and what they show: the preview, the running job, the mode. */
    public GenerationViewModel generation() { return generation; }
    /** Where file and scan work runs (the autosave writes there too). */
    public TaskExecutor executor() { return executor; }

    /** The token counter under the prompt boxes, for the picked model. */
    public PromptCounter promptCounter() { return promptCounter; }
    public GenerationSettings settings() { return settings; }
    public CanvasViewModel canvas() { return canvas; }
    /** The active ControlNet layer (the one the Scribble tool paints on). */
    public ControlViewModel control() { return controls.activeProperty().get(); }
    public ControlLayers controls() { return controls; }
    public StagingViewModel staging() { return staging; }
    public HistoryViewModel history() { return history; }
    public StatusViewModel status() { return status; }
    public ImageFiles files() { return files; }
}
