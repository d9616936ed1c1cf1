package studio.ui.staging;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Floating bar over the canvas while results are staged: previous, n/m, next, accept, discard. */
public final class StagingBar extends HBox {

    public StagingBar(StagingViewModel vm) {
        super(6);
        setId("stagingBar");
        getStyleClass().add("staging-bar");
        setAlignment(Pos.CENTER);
        setPadding(new Insets(6, 10, 6, 10));
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);

        Button previous = button("stagingPrevious", "mdi2c-chevron-left", null, "Previous result (Left)");
        previous.setOnAction(e -> vm.previous());
        Button next = button("stagingNext", "mdi2c-chevron-right", null, "Next result (Right)");
        next.setOnAction(e -> vm.next());
        Label position = new Label();
        position.setId("stagingPosition");
        position.textProperty().bind(vm.positionProperty());
        Button accept = button("accept", "mdi2c-check", "Accept", "Put this result on the canvas (Enter)");
        accept.getStyleClass().add("success");
        accept.setOnAction(e -> vm.accept());
        Button discard = button("discard", "mdi2c-close", "Discard", "Drop this result; it stays in the history (Backspace)");
        discard.getStyleClass().add("danger");
        discard.setOnAction(e -> vm.discard());
        getChildren().addAll(previous, position, next, accept, discard);

        visibleProperty().bind(vm.activeProperty());
        managedProperty().bind(vm.activeProperty());
    }

    private static Button button(String id, String icon, String text, String tooltip) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tooltip));
        b.setFocusTraversable(false);
        return b;
    }
}
