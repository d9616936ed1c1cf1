package studio.ui.history;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import java.util.function.Consumer;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The right panel: results as thumbnails, newest first. Selecting one shows it large with its
 * parameters; the buttons restore its parameters or send it to the canvas.
 */
public final class HistoryView extends VBox {

    /**
     * @param sendToCanvas runs the history's send-to-canvas and reports a failure (file gone) to the user
     */
    public HistoryView(HistoryViewModel vm, Consumer<HistoryEntry> sendToCanvas) {
        super(6);
        setId("historyPanel");
        setPadding(new Insets(10));
        setPrefWidth(280);

        Label title = new Label("History");
        title.getStyleClass().addAll("section-title", "text-caption");

        ImageView large = new ImageView();
        large.setId("historyPreview");
        large.setPreserveRatio(true);
        large.setFitWidth(256);
        large.setFitHeight(256);
        TextArea details = new TextArea();
        details.setId("historyDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(4);
        large.imageProperty().bind(vm.selectedImageProperty());
        Button use = new Button("Use settings", new FontIcon("mdi2t-tune-variant"));
        use.setId("historyUse");
        use.setTooltip(new Tooltip("Take over this result's prompt, seed, settings and size"));
        Button send = new Button("To canvas", new FontIcon("mdi2i-image-move"));
        send.setId("historySend");
        send.setTooltip(new Tooltip("Place this result on the canvas at the frame (undo with Ctrl+Z)"));
        use.setMinWidth(Button.USE_PREF_SIZE);
        send.setMinWidth(Button.USE_PREF_SIZE);
        HBox actions = new HBox(6, use, send);
        VBox viewer = new VBox(6, large, details, actions);
        viewer.visibleProperty().bind(vm.selectedProperty().isNotNull());
        viewer.managedProperty().bind(viewer.visibleProperty());

        ListView<HistoryEntry> list = new ListView<>(vm.entries());
        list.setId("historyList");
        list.setPlaceholder(new Label("Results appear here"));
        list.setCellFactory(v -> new EntryCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.show(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            details.setText(b == null ? "" : b.details());
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });
        use.setOnAction(e -> {
            if (vm.selectedProperty().get() != null) {
                vm.useParameters(vm.selectedProperty().get());
            }
        });
        send.setOnAction(e -> {
            if (vm.selectedProperty().get() != null) {
                sendToCanvas.accept(vm.selectedProperty().get());
            }
        });
        getChildren().addAll(title, viewer, list);
    }

    private static final class EntryCell extends ListCell<HistoryEntry> {
        private final ImageView thumb = new ImageView();
        private final Label text = new Label();
        private final HBox box = new HBox(8, thumb, text);

        EntryCell() {
            thumb.setFitWidth(64);
            thumb.setFitHeight(64);
            thumb.setPreserveRatio(true);
            text.setWrapText(true);
            text.setMaxWidth(170);
            setPrefWidth(0); // cells follow the list's width instead of widening it
        }

        @Override
        protected void updateItem(HistoryEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            thumb.setImage(item.thumbnail());
            text.setText(item.summary() + "\nseed " + item.parameters().seed() + " · "
                    + item.parameters().width() + "×" + item.parameters().height());
            setGraphic(box);
            setText(null);
        }
    }
}
