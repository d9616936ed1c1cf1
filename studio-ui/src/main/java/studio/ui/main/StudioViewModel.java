package studio.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.Image;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.RgbImage;
import studio.engine.io.ControlNetParameters;
import studio.engine.io.ParsedParameters;
import studio.ui.fx.Background;
import studio.ui.history.HistoryEntry;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.control.ControlLayers;
import studio.ui.control.ControlViewModel;
import studio.ui.canvas.FrameInputs;
import studio.ui.canvas.Rect;
import studio.ui.files.ImageFiles;
import studio.ui.fx.FxImages;
import studio.ui.history.HistoryViewModel;
import studio.ui.models.ModelScanner;
import studio.ui.settings.GenerationSettings;
import studio.ui.staging.Candidate;
import studio.ui.staging.StagingViewModel;
import studio.ui.status.StatusViewModel;

/**
 * The studio's root view model: owns the feature view models and runs the line
 * settings + canvas → {@link GenerationRequest} → engine → events → preview, staging and history.
 * Engine events must arrive on the FX thread (through {@link studio.ui.fx.FxEngineAdapter}).
 */
public final class StudioViewModel {
    private final DiffusionEngine engine;
    private final ImageFiles files;
    private final GenerationSettings settings;
    private final CanvasViewModel canvas = new CanvasViewModel();
    private final StagingViewModel staging = new StagingViewModel(canvas);
    private final ControlLayers controls = new ControlLayers(canvas);
    private final HistoryViewModel history;
    private final StatusViewModel status;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<Image> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<Rect> jobFrame = new ReadOnlyObjectWrapper<>(this, "jobFrame");
    private final ReadOnlyIntegerWrapper previewUpdates = new ReadOnlyIntegerWrapper(this, "previewUpdates");
    private final ReadOnlyObjectWrapper<GenerationRequest> lastRequest = new ReadOnlyObjectWrapper<>(this, "lastRequest");
    private static final String RESTORE_LABEL = "Restore parameters";
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<ParametersOffer> parametersOffer = new ReadOnlyObjectWrapper<>(this, "parametersOffer");
    private final ReadOnlyBooleanWrapper scanningModels = new ReadOnlyBooleanWrapper(this, "scanningModels");
    private final StringBinding generateProblem;
    private final StringBinding modeLabel;
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme", true);
    private long currentJob = -1;
    private long liveJob = -1;
    private final ReadOnlyBooleanWrapper liveRunning = new ReadOnlyBooleanWrapper(this, "liveRunning");
    private final LiveMode live;
    private Path logFile;
    private long noticeSerial;

    public StudioViewModel(DiffusionEngine engine, GenerationSettings settings, ImageFiles files, String deviceLabel) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = settings;
        this.files = files;
        this.history = new HistoryViewModel(settings, canvas, files);
        this.status = new StatusViewModel(deviceLabel);
        status.modelProperty().bind(Bindings.createStringBinding(
                () -> settings.modelProperty().get() == null ? "" : settings.modelProperty().get().name(),
                settings.modelProperty()));

        List<Observable> deps = new ArrayList<>(List.of(settings.observables()));
        deps.add(canvas.frameProperty());
        deps.add(canvas.modeProperty());
        deps.add(running);
        generateProblem = Bindings.createStringBinding(this::computeProblem, deps.toArray(Observable[]::new));
        modeLabel = Bindings.createStringBinding(() -> label(canvas.modeProperty().get()), canvas.modeProperty());
        List<Observable> liveTriggers = new ArrayList<>(List.of(settings.observables()));
        liveTriggers.addAll(List.of(canvas.frameProperty(), canvas.imageRevisionProperty(), canvas.maskRevisionProperty(),
                controls.revisionProperty()));
        live = new LiveMode(this, liveTriggers.toArray(Observable[]::new));
    }

    /**
     * Where the application logs the details of failures: a notice of an engine fault names it, as
     * the command line's messages do. Null: no log.
     */
    public void setLogFile(Path logFile) {
        this.logFile = logFile;
    }

    /** The flow's name next to the Generate button. */
    static String label(GenerationRequest.Mode mode) {
        return switch (mode) {
            case TXT2IMG -> "Text to image";
            case IMG2IMG -> "Image to image";
            case INPAINT -> "Inpaint";
            case OUTPAINT -> "Outpaint";
        };
    }

    /** Why Generate cannot run now, in words for the user; null when it can. */
    private String computeProblem() {
        if (running.get()) {
            return "a generation is running; press Esc to cancel it";
        }
        Rect f = canvas.frameProperty().get();
        List<String> problems = settings.toRequest(f.width(), f.height(), settings.seedProperty().get()).build().problems();
        if (!problems.isEmpty()) {
            return problems.get(0);
        }
        if (canvas.modeProperty().get() != GenerationRequest.Mode.TXT2IMG && settings.strengthProperty().get() <= 0) {
            return "strength is 0, so nothing under the frame would be redrawn; raise Strength under Image input";
        }
        return null;
    }

    /** Builds the request from the settings and the canvas under the frame and hands it to the engine. */
    public void generate() {
        cancelLiveGeneration();
        String problem = generateProblem.get();
        if (problem != null) {
            notify(Notice.Kind.ERROR, "Cannot generate: " + problem);
            return;
        }
        Rect frame = canvas.frameProperty().get();
        FrameInputs inputs = canvas.frameInputs();
        long seed = settings.takeSeedForGeneration();
        GenerationRequest request = settings.toRequest(frame.width(), frame.height(), seed)
                .initImage(inputs.initImage())
                .mask(inputs.mask())
                .controls(controls.units())
                .build();
        try {
            currentJob = engine.submit(request);
        } catch (InvalidRequestException e) {
            notify(Notice.Kind.ERROR, "Cannot generate: " + e.getMessage());
            return;
        } catch (IllegalStateException e) {
            notify(Notice.Kind.ERROR, "The engine has stopped; restart the studio.");
            return;
        }
        lastRequest.set(request);
        jobFrame.set(frame);
        running.set(true);
        status.started(request);
    }

    /** Stops the running generation at its next step. */
    public void cancel() {
        if (running.get()) {
            engine.cancel();
            status.ended("Cancelling…");
        } else if (liveRunning.get()) {
            cancelLiveGeneration();
            status.ended("Cancelled");
        }
    }

    // ---- live mode ---------------------------------------------------------------------------

    /**
     * Starts a live generation of the frame (called by {@link LiveMode} after the changes pause):
     * the settings' fixed seed, at most {@link LiveMode#MAX_STEPS} steps, one image. Waits while a
     * Generate of the user's own runs; a problem with the settings shows in the status bar only, as
     * it would flash by on every keystroke in a notice.
     */
    void startLiveGeneration() {
        if (currentJob >= 0) {
            return;
        }
        Rect frame = canvas.frameProperty().get();
        GenerationRequest.Builder builder = settings.toRequest(frame.width(), frame.height(), settings.seedProperty().get());
        GenerationRequest settingsOnly = builder.build();
        List<String> problems = settingsOnly.problems();
        if (!problems.isEmpty()) {
            status.ended("Live: " + problems.get(0));
            return;
        }
        FrameInputs inputs = canvas.frameInputs();
        // No full-VAE previews: a live generation is over in about the time one would take.
        GenerationRequest request = builder.steps(Math.min(settingsOnly.steps(), LiveMode.MAX_STEPS)).batchSize(1)
                .previewEvery(0)
                .initImage(inputs.initImage()).mask(inputs.mask()).controls(controls.units()).build();
        try {
            liveJob = engine.submit(request);
        } catch (InvalidRequestException e) {
            status.ended("Live: " + e.getMessage());
            return;
        } catch (IllegalStateException e) {
            notify(Notice.Kind.ERROR, "The engine has stopped; restart the studio.");
            return;
        }
        jobFrame.set(frame);
        liveRunning.set(true);
    }

    /** Stops the running live generation at once (the engine stops within one U-Net block). */
    void cancelLiveGeneration() {
        if (liveJob >= 0) {
            engine.cancel(liveJob);
            liveJob = -1;
            liveRunning.set(false);
        }
    }

    void clearLivePreview() {
        if (currentJob < 0) {
            preview.set(null);
        }
    }

    /**
     * Keeps the live result shown in the frame: it goes to the history and onto the canvas (undoable),
     * and live mode goes on from the canvas as it now is.
     */
    public void keepLiveResult() {
        EngineEvent.Result r = live.latestProperty().get();
        if (r == null) {
            return;
        }
        history.add(r);
        Rect where = new Rect(jobFrame.get().x(), jobFrame.get().y(), r.image().width(), r.image().height());
        preview.set(null);
        canvas.commit(r.image(), where);
        live.finished(null);
        live.changed();
    }

    private void onLiveEvent(EngineEvent event) {
        if (event instanceof EngineEvent.Step step) {
            status.step(step);
            if (step.preview() != null) {
                preview.set(FxImages.toFx(step.preview()));
                previewUpdates.set(previewUpdates.get() + 1);
            }
        } else if (event instanceof EngineEvent.Finished finished) {
            EngineEvent.Result r = finished.results().get(0);
            live.finished(r);
            preview.set(FxImages.toFx(r.image()));
            previewUpdates.set(previewUpdates.get() + 1);
            status.finished(finished);
            liveJob = -1;
            liveRunning.set(false);
        } else if (event instanceof EngineEvent.Failed failed) {
            status.ended("Live: " + failed.message());
            liveJob = -1;
            liveRunning.set(false);
        } else if (event instanceof EngineEvent.Cancelled) {
            liveJob = -1;
            liveRunning.set(false);
        }
    }

    /** Handles one engine event; called on the FX thread by the adapter. */
    public void onEngineEvent(EngineEvent event) {
        if (event.jobId() == liveJob) {
            onLiveEvent(event);
            return;
        }
        if (event.jobId() != currentJob) {
            return;
        }
        if (event instanceof EngineEvent.Started started) {
            running.set(true);
            status.started(started.request());
        } else if (event instanceof EngineEvent.Step step) {
            status.step(step);
            if (step.preview() != null) {
                preview.set(FxImages.toFx(step.preview()));
                previewUpdates.set(previewUpdates.get() + 1);
            }
        } else if (event instanceof EngineEvent.Finished finished) {
            List<Candidate> batch = new ArrayList<>();
            for (EngineEvent.Result r : finished.results()) {
                history.add(r);
                batch.add(new Candidate(r.image(), r.parameters(), r.savedTo(), jobFrame.get()));
            }
            staging.add(batch);
            status.finished(finished);
            endJob();
        } else if (event instanceof EngineEvent.Failed failed) {
            String details = failed.kind() == EngineEvent.Failed.Kind.INTERNAL && logFile != null
                    ? " The details are in " + logFile + "." : "";
            notify(Notice.Kind.ERROR, sentence(failed.message()) + details);
            status.ended("Generation failed");
            endJob();
        } else if (event instanceof EngineEvent.Cancelled) {
            status.ended("Cancelled");
            endJob();
        }
    }

    private void endJob() {
        currentJob = -1;
        running.set(false);
        preview.set(null);
    }

    // ---- files -------------------------------------------------------------------------------

    /**
     * Reads an image file in the background and puts it on the canvas (undoable). When the file
     * carries generation parameters (a PNG from this studio or another tool), offers to take them over.
     */
    public void openImage(Path file) {
        String name = String.valueOf(file.getFileName());
        status.ended("Opening " + name + "…");
        Background.run(() -> opened(file), opened -> {
            openImage(opened.image());
            status.ended("Opened " + name + " (" + opened.image().width() + "×" + opened.image().height() + ")");
            if (opened.parameters() != null) {
                offerParameters(new ParametersOffer(name, opened.parameters()));
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
        Background.run(() -> files.read(file), image -> {
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

    /** Asks (in a notice with a button) whether to take over the parameters found in an opened file. */
    public void offerParameters(ParametersOffer offer) {
        parametersOffer.set(offer);
        notice.set(new Notice(Notice.Kind.INFO, offer.source() + " carries generation parameters: " + offer.summary()
                + ". Restore prompt, seed, steps, sampler, guidance and size?", ++noticeSerial,
                RESTORE_LABEL, this::acceptParametersOffer));
    }

    /** Takes over the offered parameters: prompt, negative prompt, seed, steps, sampler, guidance and frame size. */
    public void acceptParametersOffer() {
        ParametersOffer offer = parametersOffer.get();
        if (offer == null) {
            return;
        }
        parametersOffer.set(null);
        useParameters(offer.parameters(), offer.source());
    }

    /** The user closed the offer's notice: later notices no longer carry its button. */
    public void dismissParametersOffer() {
        parametersOffer.set(null);
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

    // ---- models ------------------------------------------------------------------------------

    /** Looks for models in the models folder (and the added ones) again, in the background. */
    public void refreshModels() {
        Path folder = settings.modelsFolderProperty().get();
        List<String> added = List.copyOf(settings.addedModels());
        scanningModels.set(true);
        Background.run(() -> ModelScanner.scan(folder, added), scan -> {
            scanningModels.set(false);
            String lost = settings.setModels(scan.models());
            List<String> problems = new ArrayList<>(scan.problems());
            if (lost != null) {
                problems.add(0, "the model " + lost + " is no longer available, so the default model is chosen");
            }
            if (!problems.isEmpty()) {
                notify(Notice.Kind.ERROR, "Models: " + String.join("; ", problems));
            }
        }, error -> {
            scanningModels.set(false);
            notify(Notice.Kind.ERROR, "Could not look for models in " + folder + ": " + reason(error));
        });
    }

    /** Uses another models folder and lists what is in it. */
    public void setModelsFolder(Path folder) {
        settings.modelsFolderProperty().set(folder);
        refreshModels();
    }

    /** Checks a checkpoint (file or diffusers folder) in the background and, if it is usable, adds and picks it. */
    public void addModel(Path path) {
        String name = String.valueOf(path.getFileName());
        status.ended("Checking model " + name + "…");
        Background.run(() -> ModelScanner.inspect(path), entry -> {
            settings.addModel(entry);
            status.ended("Added model " + entry.name());
            notify(Notice.Kind.INFO, "Added model " + entry.name() + " (" + entry.details() + "); it stays where it is.");
        }, error -> {
            status.ended("Model not added");
            notify(Notice.Kind.ERROR, "Cannot add " + name + " as a model: " + reason(error));
        });
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
        Background.run(() -> h.image(files), image -> onFx.accept(image, h.parameters()),
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
        Background.run(() -> {
            files.writePng(file, image, parameters);
            return file;
        }, done -> {
            status.ended("Saved " + file.getFileName());
            notify(Notice.Kind.INFO, "Saved " + file);
        }, error -> notify(Notice.Kind.ERROR, "Could not save " + file.getFileName() + ": " + reason(error)));
    }

    /** Places a history entry on the canvas at the frame (undoable), reading its file in the background if needed. */
    public void sendToCanvas(HistoryEntry entry) {
        Background.run(() -> entry.image(files), canvas::place,
                error -> notify(Notice.Kind.ERROR, "Could not put the result on the canvas: " + reason(error)));
    }

    /** The engine's lower-case message as a sentence for a notice. */
    private static String sentence(String message) {
        String m = message == null || message.isBlank() ? "generation failed for an unknown reason" : message.strip();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Shows a message to the user. Only one notice shows at a time, so while a parameters offer is
     * still open (neither taken nor closed) the new notice keeps its button rather than losing it.
     */
    public void notify(Notice.Kind kind, String text) {
        ParametersOffer offer = parametersOffer.get();
        notice.set(offer == null ? new Notice(kind, text, ++noticeSerial)
                : new Notice(kind, text + " (The parameters of " + offer.source() + " can still be restored.)",
                        ++noticeSerial, RESTORE_LABEL, this::acceptParametersOffer));
    }

    public BooleanProperty darkThemeProperty() { return darkTheme; }
    public GenerationSettings settings() { return settings; }
    public CanvasViewModel canvas() { return canvas; }
    /** The active ControlNet layer (the one the Scribble tool paints on). */
    public ControlViewModel control() { return controls.activeProperty().get(); }
    public ControlLayers controls() { return controls; }
    public StagingViewModel staging() { return staging; }
    public HistoryViewModel history() { return history; }
    public StatusViewModel status() { return status; }
    public ImageFiles files() { return files; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Image> previewProperty() { return preview.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Rect> jobFrameProperty() { return jobFrame.getReadOnlyProperty(); }
    /** Live mode on or off. */
    public BooleanProperty liveProperty() { return live.enabledProperty(); }
    /** The newest live result (shown in the frame until the next), null before the first or after keeping it. */
    public ReadOnlyObjectProperty<EngineEvent.Result> liveResultProperty() { return live.latestProperty(); }
    public ReadOnlyBooleanProperty liveRunningProperty() { return liveRunning.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty previewUpdatesProperty() { return previewUpdates.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<GenerationRequest> lastRequestProperty() { return lastRequest.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Notice> noticeProperty() { return notice.getReadOnlyProperty(); }
    /** Parameters found in the last opened file, until taken over or dismissed. */
    public ReadOnlyObjectProperty<ParametersOffer> parametersOfferProperty() { return parametersOffer.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty scanningModelsProperty() { return scanningModels.getReadOnlyProperty(); }
    /** Why Generate is disabled, or null. */
    public StringBinding generateProblemProperty() { return generateProblem; }
    /** The flow Generate will run, in words ("Outpaint"). */
    public StringBinding modeLabelProperty() { return modeLabel; }
}
