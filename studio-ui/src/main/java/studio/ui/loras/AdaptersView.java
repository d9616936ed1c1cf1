package studio.ui.loras;

import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.engine.api.GenerationRequest;

/**
 * The LoRA panel: a row per LoRA of the folder (enable, name and family, weight slider) and the
 * embeddings, insertable into the prompt or the negative prompt from a list.
 */
public final class AdaptersView extends VBox {
    /** The slider's range; prompt tags may go further, up to {@link GenerationRequest#MAX_LORA_WEIGHT}. */
    static final double SLIDER_MAX = 2;

    public AdaptersView(Adapters adapters, StringProperty prompt, StringProperty negative) {
        super(4);
        setId("loraPanel");
        VBox rows = new VBox(4);
        Label none = new Label();
        none.setId("loraFolderNote");
        none.setWrapText(true);
        none.getStyleClass().add("model-details");
        Runnable rebuild = () -> {
            rows.getChildren().clear();
            for (LoraEntry e : adapters.loras()) {
                rows.getChildren().add(row(e));
            }
            String text = adapters.loras().isEmpty() ? "No LoRAs in " + adapters.loraFolder()
                    + " (or write <lora:NAME:WEIGHT> in the prompt)" : "";
            if (!adapters.problems().isEmpty()) {
                text = (text.isEmpty() ? "" : text + "\n") + "Not usable: " + String.join("; ", adapters.problems());
            }
            none.setText(text);
            none.setManaged(!text.isEmpty());
            none.setVisible(!text.isEmpty());
        };
        adapters.loras().addListener((ListChangeListener<LoraEntry>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    rebuild.run();
                    return;
                }
            }
        });
        rebuild.run();

        ComboBox<String> embedding = new ComboBox<>(adapters.embeddings());
        embedding.setId("embeddingPicker");
        embedding.setPromptText("Embedding");
        embedding.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(embedding, Priority.ALWAYS);
        embedding.setTooltip(new Tooltip("Textual-inversion embeddings in " + adapters.embeddingFolder()
                + "; a prompt word equal to the name uses it"));
        Button toPrompt = new Button("+ prompt");
        toPrompt.setId("insertEmbedding");
        toPrompt.setOnAction(e -> insert(prompt, embedding.getValue()));
        Button toNegative = new Button("+ negative");
        toNegative.setId("insertNegativeEmbedding");
        toNegative.setOnAction(e -> insert(negative, embedding.getValue()));
        toPrompt.disableProperty().bind(embedding.valueProperty().isNull());
        toNegative.disableProperty().bind(embedding.valueProperty().isNull());
        Button rescan = new Button("Rescan");
        rescan.setId("rescanAdapters");
        rescan.setTooltip(new Tooltip("Look for new files in the loras and embeddings folders"));
        rescan.setOnAction(e -> adapters.rescan());
        // The picker gets a row of its own: beside two buttons in the narrow settings panel its
        // names and the buttons' labels were cut to "Embed..." and "+ pr...".
        toPrompt.setMinWidth(Region.USE_PREF_SIZE);
        toNegative.setMinWidth(Region.USE_PREF_SIZE);
        rescan.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(rows, none, embedding, new HBox(6, toPrompt, toNegative, rescan));
    }

    private static void insert(StringProperty target, String name) {
        if (name != null) {
            target.set(Adapters.withEmbedding(target.get(), name));
        }
    }

    private static HBox row(LoraEntry e) {
        CheckBox enabled = new CheckBox(e.name());
        enabled.setId("lora-" + e.name());
        enabled.selectedProperty().bindBidirectional(e.enabledProperty());
        enabled.setTooltip(new Tooltip(e.name() + " (" + e.family() + ")\n" + e.path()));
        Label family = new Label(e.family());
        family.getStyleClass().add("model-details");
        Slider weight = new Slider(-SLIDER_MAX, SLIDER_MAX, e.weightProperty().get());
        weight.setId("loraWeight-" + e.name());
        weight.valueProperty().bindBidirectional(e.weightProperty());
        weight.disableProperty().bind(e.enabledProperty().not());
        HBox.setHgrow(weight, Priority.ALWAYS);
        Label value = new Label();
        value.textProperty().bind(e.weightProperty().asString(java.util.Locale.ROOT, "%.2f"));
        return new HBox(6, enabled, family, weight, value);
    }
}
