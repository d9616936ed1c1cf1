package studio.ui.control;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.engine.api.GenerationRequest;

/**
 * The ControlNet layers in the settings panel: which layer is active (the Scribble tool paints on
 * it, its hint shows), add and remove, and the active layer's {@link ControlView}.
 */
public final class ControlLayersView extends VBox {
    private final ControlLayers layers;
    private final Runnable chooseModel;
    private final Runnable chooseImage;
    private final Runnable clearScribble;

    /** The actions work on the active layer (see {@link ControlView}). */
    public ControlLayersView(ControlLayers layers, Runnable chooseModel, Runnable chooseImage, Runnable clearScribble) {
        super(6);
        this.layers = layers;
        this.chooseModel = chooseModel;
        this.chooseImage = chooseImage;
        this.clearScribble = clearScribble;
        setId("controlLayers");

        ComboBox<ControlViewModel> pick = new ComboBox<>(layers.layers());
        pick.setId("controlLayer");
        pick.setTooltip(new Tooltip("The ControlNet layer the Scribble tool paints on and whose hint shows; "
                + "every layer that is on steers the generation"));
        pick.valueProperty().bindBidirectional(layers.activeProperty());
        pick.setCellFactory(v -> new LayerCell());
        pick.setButtonCell(new LayerCell());
        pick.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(pick, Priority.ALWAYS);
        Button add = new Button(null, new FontIcon("mdi2l-layers-plus"));
        add.setId("controlAddLayer");
        add.setTooltip(new Tooltip("Add a ControlNet layer (at most " + GenerationRequest.MAX_CONTROLS + ")"));
        add.setOnAction(e -> layers.add());
        add.disableProperty().bind(Bindings.size(layers.layers()).greaterThanOrEqualTo(GenerationRequest.MAX_CONTROLS));
        Button remove = new Button(null, new FontIcon("mdi2l-layers-minus"));
        remove.setId("controlRemoveLayer");
        remove.setTooltip(new Tooltip("Remove this ControlNet layer and its scribble"));
        remove.setOnAction(e -> layers.remove(layers.activeProperty().get()));
        remove.disableProperty().bind(Bindings.size(layers.layers()).lessThanOrEqualTo(1));

        getChildren().addAll(new HBox(6, pick, add, remove), layerView(layers.activeProperty().get()));
        layers.activeProperty().addListener((o, a, b) -> getChildren().set(1, layerView(b)));
    }

    private ControlView layerView(ControlViewModel layer) {
        return new ControlView(layer, chooseModel, chooseImage, clearScribble);
    }

    /** "ControlNet 2 · canny.safetensors", or "(off)" for a layer that does not steer. */
    private final class LayerCell extends ListCell<ControlViewModel> {
        @Override
        protected void updateItem(ControlViewModel layer, boolean empty) {
            super.updateItem(layer, empty);
            textProperty().unbind();
            if (empty || layer == null) {
                setText(null);
                return;
            }
            textProperty().bind(Bindings.createStringBinding(() -> {
                String name = layer.modelProperty().get() == null ? "no ControlNet"
                        : layer.modelProperty().get().getFileName().toString();
                return "ControlNet " + (layers.layers().indexOf(layer) + 1) + " · " + name
                        + (layer.enabledProperty().get() ? "" : " (off)");
            }, layers.revisionProperty(), layers.layers()));
        }
    }
}
