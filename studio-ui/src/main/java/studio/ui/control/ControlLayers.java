package studio.ui.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.engine.io.ControlNetParameters;
import studio.ui.canvas.CanvasViewModel;

/**
 * The ControlNet layers, one per ControlNet, at most {@link GenerationRequest#MAX_CONTROLS}, never
 * fewer than one. One layer is active: the Scribble tool paints on its scribble and the hint overlay
 * shows its hint. The request gets the units of all layers that are on, in the layers' order.
 */
public final class ControlLayers {
    private final CanvasViewModel canvas;
    private final ObservableList<ControlViewModel> layers = FXCollections.observableArrayList();
    private final ObservableList<ControlViewModel> readOnly = FXCollections.unmodifiableObservableList(layers);
    private final ObjectProperty<ControlViewModel> active = new SimpleObjectProperty<>(this, "active");
    private final ReadOnlyObjectWrapper<RgbImage> hint = new ReadOnlyObjectWrapper<>(this, "hint");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final InvalidationListener bump = o -> revision.set(revision.get() + 1);
    private final ChangeListener<RgbImage> activeHint = (o, a, b) -> hint.set(b);

    public ControlLayers(CanvasViewModel canvas) {
        this.canvas = canvas;
        active.addListener((o, before, now) -> {
            if (now == null || !layers.contains(now)) {
                active.set(before != null && layers.contains(before) ? before : layers.get(0));
                return;
            }
            if (before != null) {
                before.hintProperty().removeListener(activeHint);
            }
            now.hintProperty().addListener(activeHint);
            hint.set(now.hintProperty().get());
            canvas.setScribbleTarget(now.scribble());
            bump.invalidated(active);
        });
        add();
    }

    /** Adds a layer after the others and makes it active; null when there are already {@link GenerationRequest#MAX_CONTROLS}. */
    public ControlViewModel add() {
        if (layers.size() >= GenerationRequest.MAX_CONTROLS) {
            return null;
        }
        ControlViewModel layer = new ControlViewModel(canvas);
        for (Observable p : layer.liveParts()) {
            p.addListener(bump);
        }
        layers.add(layer);
        active.set(layer);
        bump.invalidated(layers);
        return layer;
    }

    /** Removes a layer (its scribble goes with it); the last layer stays. */
    public void remove(ControlViewModel layer) {
        int i = layers.indexOf(layer);
        if (i < 0 || layers.size() == 1) {
            return;
        }
        for (Observable p : layer.liveParts()) {
            p.removeListener(bump);
        }
        layer.showHintProperty().set(false);
        layers.remove(i);
        if (active.get() == layer) {
            active.set(layers.get(Math.min(i, layers.size() - 1)));
        }
        bump.invalidated(layers);
    }

    /** The units of the layers that are on and have a ControlNet, in the layers' order. */
    public List<ControlUnit> units() {
        List<ControlUnit> units = new ArrayList<>();
        layers.forEach(l -> units.addAll(l.units()));
        return units;
    }

    /**
     * Takes over a PNG's ControlNet units, one layer each (layers are added as needed; layers beyond
     * the PNG's units are switched off so the request matches the PNG, their settings kept).
     *
     * @return warnings for the user
     */
    public List<String> restore(List<ControlNetParameters> units, Path modelsFolder) {
        List<String> warnings = new ArrayList<>();
        int n = Math.min(units.size(), GenerationRequest.MAX_CONTROLS);
        while (layers.size() < n) {
            add();
        }
        for (int i = 0; i < layers.size(); i++) {
            ControlViewModel layer = layers.get(i);
            if (i < n) {
                String warning = layer.restore(units.get(i), modelsFolder);
                if (warning != null) {
                    warnings.add(n > 1 ? "ControlNet " + (i + 1) + ": " + warning : warning);
                }
            } else {
                layer.enabledProperty().set(false);
            }
        }
        if (units.size() > n) {
            warnings.add("only the first " + n + " of its " + units.size() + " ControlNet units are restored (the "
                    + "studio has at most " + GenerationRequest.MAX_CONTROLS + " ControlNet layers)");
        }
        if (n > 0) {
            active.set(layers.get(0));
        }
        return warnings;
    }

    /** The layers, in the request's order; change them with {@link #add()} and {@link #remove}. */
    public ObservableList<ControlViewModel> layers() {
        return readOnly;
    }

    /** The layer the Scribble tool paints on and whose hint shows; always one of {@link #layers()}. */
    public ObjectProperty<ControlViewModel> activeProperty() {
        return active;
    }

    /** The active layer's hint while its overlay is on, else null. */
    public ReadOnlyObjectProperty<RgbImage> hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** Counts every change of the layers, their settings or hints: what live mode and autosave watch. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
