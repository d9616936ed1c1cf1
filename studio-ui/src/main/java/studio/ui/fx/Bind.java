package studio.ui.fx;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;

/**
 * Two-way links between controls and view-model properties, with strong references (JavaFX's
 * bidirectional bindings through {@code asObject()} are weak and can silently stop working).
 */
public final class Bind {
    private Bind() {
    }

    public static Spinner<Integer> intSpinner(IntegerProperty property, int min, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, clamp(property.get(), min, max), step);
        spinner.setValueFactory(factory);
        factory.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != property.get()) {
                property.set(b);
            }
        });
        property.addListener((o, a, b) -> factory.setValue(clamp(b.intValue(), min, max)));
        editable(spinner);
        return spinner;
    }

    public static Spinner<Double> doubleSpinner(DoubleProperty property, double min, double max, double step) {
        Spinner<Double> spinner = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory factory =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, property.get(), step);
        spinner.setValueFactory(factory);
        factory.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != property.get()) {
                property.set(b);
            }
        });
        property.addListener((o, a, b) -> factory.setValue(b.doubleValue()));
        editable(spinner);
        return spinner;
    }

    /** A text field that accepts digits only and keeps a long property in step with its text. */
    public static TextField longField(LongProperty property) {
        TextField field = new TextField(Long.toString(property.get()));
        field.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().matches("\\d{0,18}") ? change : null));
        field.textProperty().addListener((o, a, b) -> {
            if (!b.isEmpty() && Long.parseLong(b) != property.get()) {
                property.set(Long.parseLong(b));
            }
        });
        property.addListener((o, a, b) -> {
            String text = Long.toString(b.longValue());
            if (!text.equals(field.getText())) {
                field.setText(text);
            }
        });
        field.focusedProperty().addListener((o, a, focused) -> {
            if (!focused && field.getText().isEmpty()) {
                field.setText(Long.toString(property.get()));
            }
        });
        return field;
    }

    /** Typed text counts when the spinner loses focus, not only on Enter. */
    private static void editable(Spinner<?> spinner) {
        spinner.setEditable(true);
        spinner.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                spinner.increment(0);
            }
        });
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
