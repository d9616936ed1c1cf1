package studio.ui.main;

import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.util.Duration;
import studio.engine.api.EngineEvent;

/**
 * Live mode (as Krita AI Diffusion's): while it is on, every change of the prompt, the settings,
 * the mask, the frame or the canvas starts a new short generation of the frame once the changes
 * pause for {@link #DEBOUNCE}, or at once when a brush stroke ends; a change cancels the running one
 * at once. Each result replaces the
 * preview in place; it goes to the history and onto the canvas only when the user keeps it.
 * Seeds stay fixed while live, so that two results differ by the change alone.
 *
 * <p>Runs on the FX thread; {@link GenerationViewModel} submits and receives the jobs.
 */
public final class LiveMode {
    /**
     * Quiet time after the last change before a live generation starts: one brush stroke's end, a
     * typed word. Short, because a change cancels a running generation within one U-Net block anyway.
     */
    static final Duration DEBOUNCE = Duration.millis(120);
    /** Live generations take at most this many steps (fewer when the settings ask for fewer). */
    public static final int MAX_STEPS = 8;
    /**
     * Live steps faster than this keep the last result in the frame until the new one is ready: their
     * previews would flash noise over it several times a second (and repaint the window as often, CPU the
     * engine wants on a small machine). Nor do they change the status bar's step count: on the built-in
     * model those eight repaints a stroke took 73 ms of the window's CPU against 44–49 ms without them.
     * Slower steps show their previews and count, as Generate does, so that a live run of a large model
     * shows its progress.
     */
    static final java.time.Duration STEP_PREVIEW_FROM = java.time.Duration.ofMillis(500);

    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "live", false);
    private final ReadOnlyObjectWrapper<EngineEvent.Result> latest = new ReadOnlyObjectWrapper<>(this, "latest");
    private final PauseTransition quiet = new PauseTransition(DEBOUNCE);
    private final GenerationViewModel vm;
    private final ObservableBooleanValue stroking;
    /** A change came while a stroke went on: the stroke's end starts the generation. */
    private boolean changedWhileStroking;
    /** Set while the studio itself changes the canvas (keeping a result) so that does not count as a change. */
    private boolean keeping;

    /**
     * @param stroking true while the user draws a stroke on the canvas. A stroke's end is a deliberate
     *                 pause already, so it starts the generation without {@link #DEBOUNCE} (a third of
     *                 the latency on the built-in model); while it goes on, nothing starts.
     */
    LiveMode(GenerationViewModel vm, ObservableBooleanValue stroking, Observable... triggers) {
        this.vm = vm;
        this.stroking = stroking;
        quiet.setOnFinished(e -> vm.startLiveGeneration());
        stroking.addListener((o, was, now) -> {
            if (!now && changedWhileStroking) {
                changedWhileStroking = false;
                if (enabled.get()) {
                    quiet.stop();
                    vm.startLiveGeneration();
                }
            }
        });
        InvalidationListener changed = o -> changed();
        for (Observable trigger : triggers) {
            trigger.addListener(changed);
        }
        enabled.addListener((o, was, on) -> {
            if (on) {
                changed();
            } else {
                quiet.stop();
                vm.cancelLiveGeneration();
                latest.set(null);
                vm.clearLivePreview();
            }
        });
    }

    /** Something the result depends on changed: stop the running generation, start anew after the pause. */
    void changed() {
        if (!enabled.get() || keeping) {
            return;
        }
        vm.cancelLiveGeneration();
        if (stroking.get()) {
            quiet.stop();
            changedWhileStroking = true;
        } else {
            quiet.playFromStart();
        }
    }

    /** Whether a live step shows (its preview, its count): only when the steps so far took long on average. */
    static boolean showsStepPreview(EngineEvent.Step step) {
        return step.elapsed().dividedBy(Math.max(1, step.step())).compareTo(STEP_PREVIEW_FROM) >= 0;
    }

    void finished(EngineEvent.Result result) {
        latest.set(result);
    }

    /** Runs {@code work} (which changes the canvas) without it counting as a user's change. */
    void keeping(Runnable work) {
        keeping = true;
        try {
            work.run();
        } finally {
            keeping = false;
        }
    }

    BooleanProperty enabledProperty() {
        return enabled;
    }

    ReadOnlyObjectProperty<EngineEvent.Result> latestProperty() {
        return latest.getReadOnlyProperty();
    }
}
