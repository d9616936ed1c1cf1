package studio.ui.status;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;

/** What the status bar shows: a message, progress, step i/n, it/s, ETA, device and model. */
public final class StatusViewModel {
    private final StringProperty message = new SimpleStringProperty(this, "message", "Ready");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty stepText = new SimpleStringProperty(this, "stepText", "");
    private final StringProperty speedText = new SimpleStringProperty(this, "speedText", "");
    private final StringProperty etaText = new SimpleStringProperty(this, "etaText", "");
    private final StringProperty device = new SimpleStringProperty(this, "device", "");
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private ProgressTracker tracker;

    public StatusViewModel(String deviceLabel) {
        device.set(deviceLabel == null ? "" : deviceLabel);
    }

    public void started(GenerationRequest request) {
        tracker = new ProgressTracker(request.batchSize());
        message.set("Generating " + request.width() + "×" + request.height()
                + (request.batchSize() > 1 ? ", " + request.batchSize() + " images" : ""));
        progress.set(-1);
        stepText.set("Starting…");
        speedText.set("");
        etaText.set("");
    }

    public void step(EngineEvent.Step step) {
        if (tracker == null) {
            tracker = new ProgressTracker(1);
        }
        tracker.onStep(step);
        progress.set(tracker.fraction());
        String item = "";
        if (tracker.total() > step.totalSteps()) {
            item = " · image " + (step.batchIndex() + 1) + "/" + (tracker.total() / step.totalSteps());
        }
        stepText.set("Step " + step.step() + "/" + step.totalSteps() + item);
        double rate = tracker.itPerSecond();
        speedText.set(Double.isNaN(rate) ? "" : rate >= 1
                ? String.format(Locale.ROOT, "%.2f it/s", rate)
                : String.format(Locale.ROOT, "%.2f s/it", 1 / rate));
        etaText.set(tracker.eta() == null ? "" : "ETA " + ProgressTracker.format(tracker.eta()));
    }

    public void finished(EngineEvent.Finished finished) {
        if (tracker == null) {
            // none of this job's steps was shown (fast live steps): the step texts are an older job's
            stepText.set("");
            speedText.set("");
        }
        int n = finished.results().size();
        ended((n == 1 ? "1 image" : n + " images") + " in "
                + String.format(Locale.ROOT, "%.1f s", finished.elapsed().toMillis() / 1000.0));
        progress.set(1);
    }

    /** A job ended without images, or the studio wants to say something in the bar. */
    public void ended(String text) {
        tracker = null;
        message.set(text);
        progress.set(0);
        etaText.set("");
    }

    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty stepTextProperty() { return stepText; }
    public ReadOnlyStringProperty speedTextProperty() { return speedText; }
    public ReadOnlyStringProperty etaTextProperty() { return etaText; }
    public ReadOnlyStringProperty deviceProperty() { return device; }
    public StringProperty modelProperty() { return model; }
}
