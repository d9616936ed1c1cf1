package studio.ui.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
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
import studio.ui.canvas.CanvasViewModel;
import studio.ui.canvas.FrameInputs;
import studio.ui.canvas.Rect;
import studio.ui.control.ControlLayers;
import studio.ui.fx.FxImages;
import studio.ui.history.HistoryViewModel;
import studio.ui.notices.Notice;
import studio.ui.notices.Notices;
import studio.ui.settings.GenerationSettings;
import studio.ui.staging.Candidate;
import studio.ui.staging.StagingViewModel;
import studio.ui.status.StatusViewModel;

/**
 * The line settings + canvas → {@link GenerationRequest} → engine → events → preview, staging and
 * history, for the user's own Generate and for live mode. Engine events must arrive on the FX thread
 * (through {@link studio.ui.fx.FxEngineAdapter}).
 */
public final class GenerationViewModel {
    private final DiffusionEngine engine;
    private final GenerationSettings settings;
    private final CanvasViewModel canvas;
    private final ControlLayers controls;
    private final StagingViewModel staging;
    private final HistoryViewModel history;
    private final StatusViewModel status;
    private final Notices notices;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<Image> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<Rect> jobFrame = new ReadOnlyObjectWrapper<>(this, "jobFrame");
    private final ReadOnlyIntegerWrapper previewUpdates = new ReadOnlyIntegerWrapper(this, "previewUpdates");
    private final ReadOnlyObjectWrapper<GenerationRequest> lastRequest = new ReadOnlyObjectWrapper<>(this, "lastRequest");
    private final ReadOnlyBooleanWrapper liveRunning = new ReadOnlyBooleanWrapper(this, "liveRunning");
    private final StringBinding generateProblem;
    private final StringBinding modeLabel;
    private final LiveMode live;
    private long currentJob = -1;
    private long liveJob = -1;
    private Path logFile;

    GenerationViewModel(DiffusionEngine engine, GenerationSettings settings, CanvasViewModel canvas,
                        ControlLayers controls, StagingViewModel staging, HistoryViewModel history,
                        StatusViewModel status, Notices notices) {
        this.engine = engine;
        this.settings = settings;
        this.canvas = canvas;
        this.controls = controls;
        this.staging = staging;
        this.history = history;
        this.status = status;
        this.notices = notices;
        List<Observable> deps = new ArrayList<>(List.of(settings.observables()));
        deps.add(canvas.frameProperty());
        deps.add(canvas.modeProperty());
        deps.add(running);
        generateProblem = Bindings.createStringBinding(this::computeProblem, deps.toArray(Observable[]::new));
        modeLabel = Bindings.createStringBinding(() -> label(canvas.modeProperty().get()), canvas.modeProperty());
        List<Observable> liveTriggers = new ArrayList<>(List.of(settings.observables()));
        liveTriggers.addAll(List.of(canvas.frameProperty(), canvas.imageRevisionProperty(), canvas.maskRevisionProperty(),
                controls.revisionProperty()));
        live = new LiveMode(this, canvas.strokingProperty(), liveTriggers.toArray(Observable[]::new));
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
        long job = submit(request, why -> notify(Notice.Kind.ERROR, "Cannot generate: " + why));
        if (job < 0) {
            return;
        }
        currentJob = job;
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
        long job = submit(request, problem -> status.ended("Live: " + problem));
        if (job < 0) {
            return;
        }
        liveJob = job;
        jobFrame.set(frame);
        liveRunning.set(true);
    }

    /**
     * Hands a request to the engine: its job id, or -1 when the engine refused it ({@code refused} is told
     * why) or has stopped (a notice says so).
     */
    private long submit(GenerationRequest request, java.util.function.Consumer<String> refused) {
        try {
            return engine.submit(request);
        } catch (InvalidRequestException e) {
            refused.accept(e.getMessage());
        } catch (IllegalStateException e) {
            notify(Notice.Kind.ERROR, "The engine has stopped; restart the studio.");
        }
        return -1;
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
            if (LiveMode.showsStepPreview(step)) {
                status.step(step);
                if (step.preview() != null) {
                    preview.set(FxImages.toFx(step.preview()));
                    previewUpdates.set(previewUpdates.get() + 1);
                }
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

    /** The engine's lower-case message as a sentence for a notice. */
    private static String sentence(String message) {
        String m = message == null || message.isBlank() ? "generation failed for an unknown reason" : message.strip();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }

    private void notify(Notice.Kind kind, String text) {
        notices.notify(kind, text);
    }

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
    /** Why Generate is disabled, or null. */
    public StringBinding generateProblemProperty() { return generateProblem; }
    /** The flow Generate will run, in words ("Outpaint"). */
    public StringBinding modeLabelProperty() { return modeLabel; }
}
