package studio.ui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.util.Duration;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.engine.api.Variation;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.engine.sampling.Samplers;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.canvas.MaskLayer;
import studio.ui.control.ControlLayers;
import studio.ui.control.ControlViewModel;
import studio.ui.canvas.Rect;
import studio.ui.canvas.Tool;
import studio.ui.persist.CanvasState;
import studio.ui.persist.HistoryRecord;
import studio.ui.persist.ScribbleState;
import studio.ui.persist.SessionFiles;
import studio.ui.persist.SettingsState;
import studio.ui.settings.GenerationSettings;
import studio.ui.notices.Notice;

/**
 * Keeps the session on disk: a short while after the settings, the canvas or the history change,
 * the changed part is copied on the FX thread and written in the background. Nothing waits for a
 * window close, so a crash loses at most the last {@link #DELAY} of work.
 */
final class Autosave {
    static final Duration DELAY = Duration.millis(400);

    private final StudioViewModel vm;
    private final SessionFiles files;
    private final PauseTransition timer = new PauseTransition(DELAY);
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper(this, "pending");
    private boolean settingsDirty;
    private boolean canvasDirty;
    private boolean historyDirty;
    private boolean scribblesDirty;
    private int writing;
    private long serial;
    private boolean failureShown;

    Autosave(StudioViewModel vm, Path stateFolder) {
        this.vm = vm;
        this.files = new SessionFiles(stateFolder);
        timer.setOnFinished(e -> save());
    }

    /** Puts the saved session back, before {@link #start()}; returns what could not be restored, in words. */
    List<String> restore() {
        List<String> problems = new ArrayList<>();
        SessionFiles.Read<SettingsState> settings = files.readSettings();
        settings.value().ifPresent(this::applySettings);
        SessionFiles.Read<CanvasState> canvas = files.readCanvas();
        canvas.value().ifPresent(c -> vm.canvas().restore(c.image(), c.imageX(), c.imageY(), c.mask(), c.frame()));
        SessionFiles.Read<List<HistoryRecord>> history = files.readHistory();
        history.value().ifPresent(vm.history()::restore);
        SessionFiles.Read<List<ScribbleState>> scribbles = files.readScribbles();
        scribbles.value().ifPresent(this::applyScribbles);
        for (SessionFiles.Read<?> r : List.of(settings, canvas, history, scribbles)) {
            if (r.problem() != null) {
                problems.add(r.problem());
            }
        }
        return problems;
    }

    /** Starts watching for changes. */
    void start() {
        GenerationSettings s = vm.settings();
        CanvasViewModel c = vm.canvas();
        List<Observable> settingsParts = new ArrayList<>(List.of(s.observables()));
        settingsParts.addAll(List.of(s.modelsFolderProperty(), s.addedModels(), vm.darkThemeProperty(),
                c.toolProperty(), c.brushSizeProperty(), c.brushHardnessProperty()));
        settingsParts.add(vm.controls().revisionProperty());
        watch(settingsParts, () -> settingsDirty = true);
        watch(List.of(c.scribbleRevisionProperty()), () -> scribblesDirty = true);
        watch(List.of(c.imageRevisionProperty(), c.maskRevisionProperty(), c.frameProperty()), () -> canvasDirty = true);
        watch(List.of(vm.history().entries()), () -> historyDirty = true);
    }

    private void watch(List<Observable> parts, Runnable markDirty) {
        InvalidationListener listener = o -> {
            markDirty.run();
            pending.set(true);
            timer.playFromStart();
        };
        parts.forEach(p -> p.addListener(listener));
    }

    /** Writes what changed in the background. */
    private void save() {
        long n = ++serial;
        SettingsState settings = settingsDirty ? settingsState() : null;
        CanvasState canvas = canvasDirty ? canvasState() : null;
        List<HistoryRecord> history = historyDirty ? vm.history().records() : null;
        List<ScribbleState> scribbles = scribblesDirty ? scribbleStates() : null;
        settingsDirty = canvasDirty = historyDirty = scribblesDirty = false;
        writing++;
        vm.executor().run(() -> {
            write(n, settings, canvas, history, scribbles);
            return null;
        }, ok -> written(), error -> {
            written();
            if (!failureShown) {
                failureShown = true;
                vm.notify(Notice.Kind.ERROR, "Autosave failed: " + error.getMessage()
                        + ". Your canvas and settings are not being saved to " + files.folder()
                        + "; export your work and check that the folder is writable and the disk has room.");
            }
        });
    }

    private void written() {
        writing--;
        pending.set(writing > 0 || settingsDirty || canvasDirty || historyDirty || scribblesDirty);
    }

    /** Writes everything now on this thread (the window is closing). */
    void saveNow() {
        timer.stop();
        try {
            write(++serial, settingsState(), canvasState(), vm.history().records(), scribbleStates());
        } catch (IOException e) {
            Logger.getLogger(Autosave.class.getName()).warning("final autosave failed: " + e.getMessage());
        }
    }

    private void write(long n, SettingsState settings, CanvasState canvas, List<HistoryRecord> history,
            List<ScribbleState> scribbles) throws IOException {
        if (settings != null) {
            files.writeSettings(n, settings);
        }
        if (canvas != null) {
            files.writeCanvas(n, canvas);
        }
        if (history != null) {
            files.writeHistory(n, history);
        }
        if (scribbles != null) {
            files.writeScribbles(n, scribbles);
        }
    }

    /** True while a change is not yet on disk. */
    ReadOnlyBooleanProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    SessionFiles files() {
        return files;
    }

    // ---- mapping -----------------------------------------------------------------------------

    private SettingsState settingsState() {
        GenerationSettings s = vm.settings();
        CanvasViewModel c = vm.canvas();
        Path folder = s.modelsFolderProperty().get();
        return new SettingsState(s.promptProperty().get(), s.negativePromptProperty().get(), s.samplerProperty().get(),
                s.stepsProperty().get(), s.guidanceProperty().get(), s.seedProperty().get(),
                s.seedLockedProperty().get(), s.lastSeedProperty().get(), s.batchCountProperty().get(),
                s.strengthProperty().get(), s.maskBlurProperty().get(), s.inpaintAreaProperty().get().name(),
                s.modelProperty().get().id(), folder == null ? null : folder.toString(), List.copyOf(s.addedModels()),
                vm.darkThemeProperty().get(), c.toolProperty().get().name(), c.brushSizeProperty().get(),
                c.brushHardnessProperty().get(), s.precisionProperty().get(),
                s.adapters().loras().stream().filter(l -> l.enabledProperty().get())
                        .map(l -> new SettingsState.EnabledLora(l.name(), l.weightProperty().get())).toList(),
                controlStates(), s.variationSeedProperty().get(), s.variationStrengthProperty().get());
    }

    // ControlNet layers: settings in settings.json, scribbles (exact floats) in scribbles.bin, same order.

    private List<SettingsState.ControlLayer> controlStates() {
        return vm.controls().layers().stream().map(ControlViewModel::state).toList();
    }

    private List<ScribbleState> scribbleStates() {
        return vm.controls().layers().stream().map(l -> {
            MaskLayer m = l.scribble();
            Rect b = m.bounds();
            return b.isEmpty() ? ScribbleState.EMPTY : new ScribbleState(b.x(), b.y(), m.toImage());
        }).toList();
    }

    /** One layer per saved one (the first layer always exists); the first layer ends up active. */
    private void applyControls(List<SettingsState.ControlLayer> saved) {
        if (saved == null) {
            return;
        }
        List<SettingsState.ControlLayer> known = saved.stream().filter(java.util.Objects::nonNull)
                .limit(GenerationRequest.MAX_CONTROLS).toList();
        ControlLayers layers = vm.controls();
        while (layers.layers().size() < known.size()) {
            layers.add();
        }
        for (int i = 0; i < known.size(); i++) {
            layers.layers().get(i).restoreState(known.get(i));
        }
        layers.activeProperty().set(layers.layers().get(0));
    }

    /** Runs after the settings: each scribble goes to the layer at its place. */
    private void applyScribbles(List<ScribbleState> saved) {
        List<ControlViewModel> layers = vm.controls().layers();
        for (int i = 0; i < Math.min(saved.size(), layers.size()); i++) {
            ScribbleState s = saved.get(i);
            vm.canvas().restoreScribble(layers.get(i).scribble(), s.x(), s.y(), s.values());
        }
    }

    private CanvasState canvasState() {
        CanvasViewModel c = vm.canvas();
        RgbImage image = c.image().toImage();
        GrayImage mask = image == null || c.mask().isEmpty() ? null : c.mask().toImage();
        Rect b = c.image().bounds();
        return new CanvasState(image, b.x(), b.y(), mask, c.frameProperty().get());
    }

    /** The saved request settings over {@code current}; each value out of the request's limits keeps the current one. */
    private static GenerationRequest savedRequest(SettingsState st, GenerationRequest.Builder current) {
        GenerationRequest.Builder b = current.prompt(st.prompt()).negativePrompt(st.negativePrompt())
                .seed(Math.max(0, st.seed()));
        if (st.sampler() != null && Samplers.names().contains(st.sampler())) {
            b.sampler(st.sampler());
        }
        if (GenerationRequest.PRECISIONS.contains(st.precision())) {
            b.precision(st.precision());
        }
        if (st.steps() >= 1 && st.steps() <= GenerationRequest.MAX_STEPS) {
            b.steps(st.steps());
        }
        if (st.guidance() >= 0 && st.guidance() <= GenerationRequest.MAX_GUIDANCE) {
            b.guidanceScale(st.guidance());
        }
        if (st.strength() >= 0 && st.strength() <= 1) {
            b.strength(st.strength());
        }
        if (st.variationStrength() > 0 && st.variationStrength() <= 1) {
            b.variation(new Variation(st.variationSeed(), st.variationStrength()));
        }
        if (st.maskBlur() >= 0 && st.maskBlur() <= GenerationRequest.MAX_MASK_BLUR) {
            b.maskBlur(st.maskBlur());
        }
        for (InpaintArea a : InpaintArea.values()) {
            if (a.name().equals(st.inpaintArea())) {
                b.inpaintArea(a);
            }
        }
        return b.build();
    }

    /** Takes over saved settings; values a newer or damaged file holds out of range keep their defaults. */
    private void applySettings(SettingsState st) {
        GenerationSettings s = vm.settings();
        CanvasViewModel c = vm.canvas();
        if (st.modelsFolder() != null) {
            s.modelsFolderProperty().set(Path.of(st.modelsFolder()));
        }
        if (st.addedModels() != null) {
            s.addedModels().setAll(st.addedModels());
        }
        if (st.modelId() != null) {
            s.selectModel(st.modelId());
        }
        s.setFrom(savedRequest(st, s.toRequest(64, 64, s.seedProperty().get())));
        if (st.loras() != null) {
            for (SettingsState.EnabledLora saved : st.loras()) {
                s.adapters().loras().stream().filter(l -> l.name().equals(saved.name())).findFirst().ifPresent(l -> {
                    l.enabledProperty().set(true);
                    if (Math.abs(saved.weight()) <= GenerationRequest.MAX_LORA_WEIGHT) {
                        l.weightProperty().set(saved.weight());
                    }
                });
            }
        }
        s.seedLockedProperty().set(st.seedLocked());
        s.lastSeedProperty().set(st.lastSeed());
        if (st.batchCount() >= 1 && st.batchCount() <= GenerationRequest.MAX_BATCH) {
            s.batchCountProperty().set(st.batchCount());
        }
        if (st.darkTheme() != null) {
            vm.darkThemeProperty().set(st.darkTheme());
        }
        for (Tool t : Tool.values()) {
            if (t.name().equals(st.tool())) {
                c.toolProperty().set(t);
            }
        }
        if (st.brushSize() >= CanvasViewModel.MIN_BRUSH) {
            c.brushSizeProperty().set(st.brushSize());
        }
        if (st.brushHardness() >= 0 && st.brushHardness() <= 1) {
            c.brushHardnessProperty().set(st.brushHardness());
        }
        applyControls(st.controls());
    }
}
