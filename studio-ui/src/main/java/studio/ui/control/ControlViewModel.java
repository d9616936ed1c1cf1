package studio.ui.control;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.control.HintPreprocessor;
import studio.engine.image.RgbImage;
import studio.engine.io.ControlNetParameters;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.canvas.MaskLayer;
import studio.ui.canvas.Rect;
import studio.ui.persist.SettingsState;

/**
 * A ControlNet layer (one of {@link ControlLayers}): which ControlNet, what it sees (a scribble painted on the canvas, the canvas
 * under the frame, or an image file), its preprocessor and sd-webui-controlnet's settings, and the
 * preprocessed hint shown over the frame while {@link #showHintProperty()} is on.
 */
public final class ControlViewModel {
    /** Where the control image comes from. */
    public enum Source {
        SCRIBBLE("Scribble", "scribble"),
        CANVAS("Canvas", "canny"),
        IMAGE("Image file", "none");

        private final String label;
        private final String preprocessor;

        Source(String label, String preprocessor) {
            this.label = label;
            this.preprocessor = preprocessor;
        }

        /** The preprocessor this source usually wants. */
        public String preprocessor() {
            return preprocessor;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final CanvasViewModel canvas;
    /** This layer's sketch; the canvas paints on it while this layer is the active one. */
    private final MaskLayer scribble = new MaskLayer();
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final ObjectProperty<Path> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.SCRIBBLE);
    private final ObjectProperty<RgbImage> image = new SimpleObjectProperty<>(this, "image");
    private final StringProperty preprocessor = new SimpleStringProperty(this, "preprocessor", "scribble");
    private final IntegerProperty cannyLow = new SimpleIntegerProperty(this, "cannyLow", ControlUnit.DEFAULT_CANNY_LOW);
    private final IntegerProperty cannyHigh = new SimpleIntegerProperty(this, "cannyHigh", ControlUnit.DEFAULT_CANNY_HIGH);
    private final DoubleProperty weight = new SimpleDoubleProperty(this, "weight", 1);
    private final DoubleProperty start = new SimpleDoubleProperty(this, "start", 0);
    private final DoubleProperty end = new SimpleDoubleProperty(this, "end", 1);
    private final ObjectProperty<ControlMode> mode = new SimpleObjectProperty<>(this, "mode", ControlMode.BALANCED);
    private final BooleanProperty showHint = new SimpleBooleanProperty(this, "showHint", false);
    private final ReadOnlyObjectWrapper<RgbImage> hint = new ReadOnlyObjectWrapper<>(this, "hint");

    public ControlViewModel(CanvasViewModel canvas) {
        this.canvas = canvas;
        source.addListener((o, a, b) -> preprocessor.set(b.preprocessor()));
        ChangeListener<Object> refresh = (o, a, b) -> refreshHint();
        for (var p : List.of(showHint, source, image, preprocessor, cannyLow, cannyHigh, canvas.frameProperty(),
                canvas.scribbleRevisionProperty(), canvas.imageRevisionProperty())) {
            p.addListener(refresh);
        }
    }

    /** The request's ControlNets: this layer's unit when it is on and has a ControlNet, else none. */
    public List<ControlUnit> units() {
        Path file = model.get();
        if (!enabled.get() || file == null) {
            return List.of();
        }
        return List.of(new ControlUnit(file.toString(), sourceImage(), preprocessor.get(), weight.get(), start.get(),
                end.get(), mode.get(), cannyLow.get(), cannyHigh.get()));
    }

    /** The control image at the frame: the scribble as dark strokes on white, the canvas, or the file. */
    RgbImage sourceImage() {
        return switch (source.get()) {
            case SCRIBBLE -> canvas.scribbleUnderFrame(scribble);
            case CANVAS -> canvas.frameInputs().initImage();
            case IMAGE -> image.get();
        };
    }

    /**
     * Takes over a PNG's ControlNet unit: its settings always, its ControlNet when a file of that name
     * lies in the models folder (the layer is switched on then).
     *
     * @return a warning for the user, or null
     */
    public String restore(ControlNetParameters unit, Path modelsFolder) {
        weight.set(unit.weight());
        start.set(unit.start());
        end.set(unit.end());
        mode.set(unit.mode());
        if (unit.moduleKnown()) {
            preprocessor.set(unit.module());
        }
        cannyLow.set(unit.thresholdA());
        cannyHigh.set(unit.thresholdB());
        Path file = modelsFolder == null ? null : modelsFolder.resolve(unit.model() + ".safetensors");
        if (file != null && java.nio.file.Files.isRegularFile(file)) {
            model.set(file);
            enabled.set(true);
            return unit.moduleWarning().orElse(null);
        }
        return "the ControlNet '" + unit.model() + "' is not in the models folder; its settings are restored, "
                + "choose its file under ControlNet";
    }

    /** This layer's settings as autosaved. */
    public SettingsState.ControlLayer state() {
        Path file = model.get();
        return new SettingsState.ControlLayer(enabled.get(), file == null ? null : file.toString(), source.get().name(),
                preprocessor.get(), cannyLow.get(), cannyHigh.get(), weight.get(), start.get(), end.get(),
                mode.get().name());
    }

    /** Puts autosaved settings back; a value this studio does not know or allow keeps the default. */
    public void restoreState(SettingsState.ControlLayer s) {
        for (Source v : Source.values()) {
            if (v.name().equals(s.source())) {
                source.set(v); // before the preprocessor, which a source change resets
            }
        }
        if (ControlUnit.PREPROCESSORS.contains(s.preprocessor())) {
            preprocessor.set(s.preprocessor());
        }
        if (s.cannyLow() >= 0 && s.cannyLow() <= ControlUnit.MAX_CANNY_THRESHOLD) {
            cannyLow.set(s.cannyLow());
        }
        if (s.cannyHigh() >= 0 && s.cannyHigh() <= ControlUnit.MAX_CANNY_THRESHOLD) {
            cannyHigh.set(s.cannyHigh());
        }
        if (s.weight() >= 0 && s.weight() <= ControlUnit.MAX_WEIGHT) {
            weight.set(s.weight());
        }
        if (s.start() >= 0 && s.start() <= s.end() && s.end() <= 1) {
            start.set(s.start());
            end.set(s.end());
        }
        for (ControlMode m : ControlMode.values()) {
            if (m.name().equals(s.mode())) {
                mode.set(m);
            }
        }
        try {
            model.set(s.model() == null || s.model().isBlank() ? null : Path.of(s.model()));
        } catch (java.nio.file.InvalidPathException e) {
            model.set(null);
        }
        enabled.set(s.enabled());
    }

    /** The settings that autosave watches (the scribble is watched through the canvas). */
    public List<javafx.beans.Observable> savedParts() {
        return List.of(enabled, model, source, preprocessor, cannyLow, cannyHigh, weight, start, end, mode);
    }

    /** Everything that changes this layer's unit or hint: what live mode and autosave watch. */
    public List<javafx.beans.Observable> liveParts() {
        List<javafx.beans.Observable> parts = new java.util.ArrayList<>(savedParts());
        parts.addAll(List.of(image, showHint, hint));
        return parts;
    }

    /** The pixels the Scribble tool paints for this layer. */
    public MaskLayer scribble() {
        return scribble;
    }

    private void refreshHint() {
        RgbImage picture = showHint.get() ? sourceImage() : null;
        if (picture == null) {
            hint.set(null);
            return;
        }
        Rect f = canvas.frameProperty().get();
        hint.set(HintPreprocessor.hint(ControlUnit.of("", picture, preprocessor.get())
                .withCanny(Math.min(cannyLow.get(), cannyHigh.get()), Math.max(cannyLow.get(), cannyHigh.get())),
                f.width(), f.height()));
    }

    public BooleanProperty enabledProperty() { return enabled; }
    public ObjectProperty<Path> modelProperty() { return model; }
    public ObjectProperty<Source> sourceProperty() { return source; }
    public ObjectProperty<RgbImage> imageProperty() { return image; }
    public StringProperty preprocessorProperty() { return preprocessor; }
    public IntegerProperty cannyLowProperty() { return cannyLow; }
    public IntegerProperty cannyHighProperty() { return cannyHigh; }
    public DoubleProperty weightProperty() { return weight; }
    public DoubleProperty startProperty() { return start; }
    public DoubleProperty endProperty() { return end; }
    public ObjectProperty<ControlMode> modeProperty() { return mode; }
    public BooleanProperty showHintProperty() { return showHint; }
    /** The preprocessed hint at the frame's size while the overlay is on, else null. */
    public ReadOnlyObjectProperty<RgbImage> hintProperty() { return hint.getReadOnlyProperty(); }
}
