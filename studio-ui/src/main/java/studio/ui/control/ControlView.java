package studio.ui.control;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.ui.fx.Bind;

/**
 * The ControlNet layer's controls in the settings panel: on/off, the ControlNet file, the source and
 * its preprocessor, weight, start/end, mode, and the hint overlay toggle. Painting happens on the
 * canvas with the Scribble tool.
 */
public final class ControlView extends VBox {

    /**
     * @param chooseModel asks for a ControlNet file and sets it on the view model
     * @param chooseImage asks for a control image and sets it on the view model
     * @param clearScribble wipes the scribble (undoable)
     */
    public ControlView(ControlViewModel vm, Runnable chooseModel, Runnable chooseImage, Runnable clearScribble) {
        super(6);
        setId("controlPanel");
        CheckBox enabled = new CheckBox("On");
        enabled.setTooltip(new Tooltip("Steer the generation with a ControlNet"));
        enabled.setId("controlEnabled");
        enabled.selectedProperty().bindBidirectional(vm.enabledProperty());

        Label file = new Label();
        file.setId("controlModel");
        file.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(file, Priority.ALWAYS);
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.modelProperty().get() == null ? "no ControlNet chosen"
                : vm.modelProperty().get().getFileName().toString(), vm.modelProperty()));
        Button choose = new Button(null, new FontIcon("mdi2f-folder-open-outline"));
        choose.setId("controlChooseModel");
        choose.setTooltip(new Tooltip("A ControlNet .safetensors file (original or diffusers names) made for this model's family"));
        choose.setOnAction(e -> chooseModel.run());

        ComboBox<ControlViewModel.Source> source = new ComboBox<>();
        source.setId("controlSource");
        source.getItems().setAll(ControlViewModel.Source.values());
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setMaxWidth(Double.MAX_VALUE);
        Button image = new Button(null, new FontIcon("mdi2i-image-plus"));
        image.setId("controlChooseImage");
        image.setTooltip(new Tooltip("An edge map, a depth or pose image made elsewhere (neural preprocessors need "
                + "weights the studio does not have: give their result with preprocessor none), or a picture to preprocess"));
        image.setOnAction(e -> chooseImage.run());
        image.visibleProperty().bind(vm.sourceProperty().isEqualTo(ControlViewModel.Source.IMAGE));
        image.managedProperty().bind(image.visibleProperty());
        Button clear = new Button(null, new FontIcon("mdi2l-layers-remove"));
        clear.setTooltip(new Tooltip("Clear the scribble (undoable)"));
        clear.setId("controlClearScribble");
        clear.setOnAction(e -> clearScribble.run());
        clear.visibleProperty().bind(vm.sourceProperty().isEqualTo(ControlViewModel.Source.SCRIBBLE));
        clear.managedProperty().bind(clear.visibleProperty());

        ComboBox<String> preprocessor = new ComboBox<>();
        preprocessor.setId("controlPreprocessor");
        preprocessor.getItems().setAll(ControlUnit.PREPROCESSORS);
        preprocessor.valueProperty().bindBidirectional(vm.preprocessorProperty());
        preprocessor.setMaxWidth(Double.MAX_VALUE);

        Spinner<Integer> low = Bind.intSpinner(vm.cannyLowProperty(), 0, ControlUnit.MAX_CANNY_THRESHOLD, 10);
        low.setId("controlCannyLow");
        Spinner<Integer> high = Bind.intSpinner(vm.cannyHighProperty(), 0, ControlUnit.MAX_CANNY_THRESHOLD, 10);
        high.setId("controlCannyHigh");
        low.setTooltip(new Tooltip("Canny thresholds on the gradient: edges start above the high one and continue "
                + "above the low one (OpenCV's Canny)"));
        high.setTooltip(low.getTooltip());
        Label cannyLabel = new Label("Canny");
        HBox cannyBox = new HBox(6, low, high);
        for (javafx.scene.Node n : new javafx.scene.Node[] {cannyLabel, cannyBox}) {
            n.visibleProperty().bind(vm.preprocessorProperty().isEqualTo("canny"));
            n.managedProperty().bind(n.visibleProperty());
        }

        Slider weight = new Slider(0, ControlUnit.MAX_WEIGHT, vm.weightProperty().get());
        weight.setId("controlWeight");
        weight.valueProperty().bindBidirectional(vm.weightProperty());
        HBox.setHgrow(weight, Priority.ALWAYS);
        Label weightValue = new Label();
        weightValue.textProperty().bind(vm.weightProperty().asString("%.2f"));
        Spinner<Double> start = Bind.doubleSpinner(vm.startProperty(), 0, 1, 0.05);
        start.setId("controlStart");
        Spinner<Double> end = Bind.doubleSpinner(vm.endProperty(), 0, 1, 0.05);
        end.setId("controlEnd");
        start.setTooltip(new Tooltip("Step i of n is steered when start <= i/n <= end"));
        end.setTooltip(start.getTooltip());
        ComboBox<ControlMode> mode = new ComboBox<>();
        mode.setId("controlMode");
        mode.getItems().setAll(ControlMode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.setMaxWidth(Double.MAX_VALUE);
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ControlMode m) {
                return m == null ? "" : m.label();
            }

            @Override
            public ControlMode fromString(String s) {
                return ControlMode.parse(s);
            }
        });
        ToggleButton showHint = new ToggleButton("Hint", new FontIcon("mdi2e-eye-outline"));
        showHint.setId("controlShowHint");
        showHint.setTooltip(new Tooltip("Show the preprocessed hint, what the ControlNet sees, over the frame"));
        showHint.selectedProperty().bindBidirectional(vm.showHintProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("ControlNet"), new HBox(6, file, choose));
        grid.addRow(1, new Label("Source"), new HBox(6, source, image, clear));
        grid.addRow(2, new Label("Preprocess"), preprocessor);
        grid.addRow(3, cannyLabel, cannyBox);
        grid.addRow(4, new Label("Weight"), new HBox(6, weight, weightValue));
        grid.addRow(5, new Label("Start / end"), new HBox(6, start, end));
        grid.addRow(6, new Label("Mode"), mode);
        ColumnConstraints c0 = new ColumnConstraints(80);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        grid.getColumnConstraints().setAll(c0, c1);
        grid.disableProperty().bind(vm.enabledProperty().not());
        showHint.disableProperty().bind(vm.enabledProperty().not());
        getChildren().addAll(new HBox(8, enabled, showHint), grid);
    }
}
