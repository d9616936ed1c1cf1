package studio.ui.status;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/** The bottom bar: message and progress on the left; step, speed, ETA, device and model on the right. */
public final class StatusView extends StatusBar {

    public StatusView(StatusViewModel vm) {
        setId("statusBar");
        textProperty().bind(vm.messageProperty());
        progressProperty().bind(vm.progressProperty());
        Label step = label("statusStep", vm.stepTextProperty());
        Label speed = label("statusSpeed", vm.speedTextProperty());
        Label eta = label("statusEta", vm.etaTextProperty());
        Label device = label("statusDevice", vm.deviceProperty());
        device.setGraphic(new FontIcon("mdi2c-chip"));
        Label model = label("statusModel", vm.modelProperty());
        model.setGraphic(new FontIcon("mdi2c-cube-outline"));
        getRightItems().addAll(step, speed, eta, new Separator(Orientation.VERTICAL), device,
                new Separator(Orientation.VERTICAL), model);
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setPadding(new Insets(0, 6, 0, 6));
        l.managedProperty().bind(Bindings.createBooleanBinding(() -> !l.getText().isEmpty(), l.textProperty()));
        l.visibleProperty().bind(l.managedProperty());
        return l;
    }
}
