package studio.ui.main;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.ui.canvas.CanvasView;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.canvas.Tool;
import studio.ui.history.HistoryView;
import studio.ui.settings.ModelActions;
import studio.ui.control.ControlLayersView;
import studio.ui.fx.FxImages;
import studio.ui.settings.SettingsView;
import studio.ui.staging.StagingBar;
import studio.ui.status.StatusView;
import studio.ui.notices.Notice;

/**
 * The studio's one window: tool bar on top, settings and Generate on the left, the canvas in the
 * centre, history on the right, status at the bottom. Lays out and binds; all behaviour is in the
 * view models.
 */
public final class MainView extends BorderPane {
    private final CanvasView canvasView;
    private final NotificationPane notifications;
    private Notice showing;
    private int replacing;

    MainView(StudioViewModel vm, FileActions files) {
        setId("studio");
        CanvasViewModel canvas = vm.canvas();
        canvasView = new CanvasView(canvas, vm.generation().previewProperty(), vm.generation().jobFrameProperty(), vm.staging().currentProperty());
        files.acceptDrops(this);
        StagingBar stagingBar = new StagingBar(vm.staging());
        StackPane.setAlignment(stagingBar, Pos.BOTTOM_CENTER);
        StackPane.setMargin(stagingBar, new Insets(0, 0, 16, 0));
        StackPane centre = new StackPane(canvasView, stagingBar);
        notifications = new NotificationPane(centre);
        notifications.setId("notifications");
        notifications.setShowFromTop(true);
        vm.notices().noticeProperty().addListener((o, a, n) -> show(n));
        // Closing the notice (its × or its button) answers a pending parameters offer, so no later notice brings
        // it back. NotificationPane also hides (and fires this) before showing each replacing text; those are skipped.
        notifications.setOnHidden(e -> {
            if (replacing > 0) {
                replacing--;
            } else {
                vm.notices().dismissParametersOffer();
            }
        });

        setTop(toolBar(vm, files));
        ModelActions modelActions = new ModelActions(vm.models()::refresh, files::addModel, files::chooseModelsFolder,
                vm.models().scanningProperty());
        SettingsView settings = new SettingsView(vm.settings(), canvas, modelActions, vm.promptCounter());
        settings.addSection("ControlNet", new ControlLayersView(vm.controls(), files::chooseControlNet,
                files::chooseControlImage, canvas::clearScribble));
        canvasView.bindHint(Bindings.createObjectBinding(() -> vm.controls().hintProperty().get() == null ? null
                : FxImages.toFx(vm.controls().hintProperty().get()), vm.controls().hintProperty()));
        VBox left = new VBox(settings, generateBar(vm));
        VBox.setVgrow(left.getChildren().get(0), Priority.ALWAYS);
        left.setPrefWidth(320);
        left.setMinWidth(260);
        left.getStyleClass().add("side-panel");
        setLeft(left);
        setCenter(notifications);
        HistoryView history = new HistoryView(vm.history(), vm::sendToCanvas);
        history.getStyleClass().add("side-panel");
        setRight(history);
        setBottom(new StatusView(vm.status()));
    }

    public CanvasView canvasView() {
        return canvasView;
    }

    private void show(Notice n) {
        if (n == null) {
            return;
        }
        showing = n;
        notifications.getStyleClass().removeAll("error", "info");
        notifications.getStyleClass().add(n.kind() == Notice.Kind.ERROR ? "error" : "info");
        notifications.setGraphic(new FontIcon(n.kind() == Notice.Kind.ERROR ? "mdi2a-alert-circle-outline" : "mdi2i-information-outline"));
        notifications.getActions().clear();
        if (n.action() != null) {
            notifications.getActions().add(new Action(n.actionLabel(), e -> {
                n.action().run();
                if (showing == n) { // the action said nothing new: its notice is done
                    notifications.hide();
                }
            }));
        }
        if (notifications.isShowing()) {
            replacing++;
        }
        notifications.show(n.text());
    }

    private static VBox generateBar(StudioViewModel vm) {
        Button generate = new Button("Generate", new FontIcon("mdi2c-creation"));
        generate.setId("generate");
        generate.getStyleClass().add("accent");
        generate.setDefaultButton(false);
        generate.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(generate, Priority.ALWAYS);
        generate.disableProperty().bind(vm.generation().generateProblemProperty().isNotNull());
        generate.setOnAction(e -> vm.generation().generate());
        Tooltip generateTip = new Tooltip();
        generateTip.textProperty().bind(Bindings.createStringBinding(() -> vm.generation().generateProblemProperty().get() == null
                ? "Generate (Ctrl+Enter)" : vm.generation().generateProblemProperty().get(), vm.generation().generateProblemProperty()));
        generate.setTooltip(generateTip);

        Button cancel = new Button(null, new FontIcon("mdi2s-stop-circle-outline"));
        cancel.setId("cancel");
        cancel.setTooltip(new Tooltip("Cancel (Esc)"));
        cancel.disableProperty().bind(vm.generation().runningProperty().not().and(vm.generation().liveRunningProperty().not()));

        ToggleButton live = new ToggleButton("Live", new FontIcon("mdi2l-lightning-bolt-outline"));
        live.setId("live");
        live.selectedProperty().bindBidirectional(vm.generation().liveProperty());
        live.setTooltip(new Tooltip("Live mode: every change of prompt, settings, mask, frame or canvas repaints the "
                + "frame after a short pause (at most 8 steps, the seed fixed)"));
        Button keep = new Button("Keep", new FontIcon("mdi2c-check-bold"));
        keep.setId("keepLive");
        keep.setTooltip(new Tooltip("Keep the live result (K): onto the canvas and into the history"));
        keep.disableProperty().bind(vm.generation().liveResultProperty().isNull());
        keep.visibleProperty().bind(vm.generation().liveProperty());
        keep.managedProperty().bind(keep.visibleProperty());
        keep.setOnAction(e -> vm.generation().keepLiveResult());
        cancel.setOnAction(e -> vm.generation().cancel());

        Label mode = new Label();
        mode.setId("modeLabel");
        mode.getStyleClass().add("mode-label");
        mode.textProperty().bind(vm.generation().modeLabelProperty());
        mode.setMinWidth(Region.USE_PREF_SIZE);

        Label reason = new Label();
        reason.setId("generateReason");
        reason.getStyleClass().add("generate-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(Bindings.createStringBinding(() -> {
            String p = vm.generation().generateProblemProperty().get();
            return p == null ? "" : p;
        }, vm.generation().generateProblemProperty()));
        reason.visibleProperty().bind(vm.generation().generateProblemProperty().isNotNull());
        reason.managedProperty().bind(reason.visibleProperty());

        HBox row = new HBox(8, generate, cancel, mode);
        HBox liveRow = new HBox(8, live, keep);
        liveRow.setAlignment(Pos.CENTER_LEFT);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(6, row, liveRow, reason);
        bar.setPadding(new Insets(10));
        bar.getStyleClass().add("generate-bar");
        return bar;
    }

    private ToolBar toolBar(StudioViewModel vm, FileActions files) {
        CanvasViewModel canvas = vm.canvas();
        Button open = button("open", "mdi2f-folder-open", "Open image (Ctrl+O); you can also drop or paste one");
        open.setOnAction(e -> files.open());
        Button exportCanvas = button("exportCanvas", "mdi2c-content-save", "Export canvas as PNG (Ctrl+E)");
        exportCanvas.setOnAction(e -> files.exportCanvas());
        Button exportResult = button("exportResult", "mdi2f-file-export", "Export result as PNG (Ctrl+Shift+E)");
        exportResult.setOnAction(e -> files.exportResult());
        Button copy = button("copy", "mdi2c-content-copy", "Copy result or canvas to the clipboard (Ctrl+C)");
        copy.setOnAction(e -> files.copy());
        Button paste = button("paste", "mdi2c-content-paste", "Paste an image onto the canvas (Ctrl+V)");
        paste.setOnAction(e -> files.paste());

        ToggleGroup tools = new ToggleGroup();
        ToggleButton move = toolButton(Tool.MOVE, "mdi2h-hand-back-right", tools, canvas);
        ToggleButton frame = toolButton(Tool.FRAME, "mdi2s-selection-drag", tools, canvas);
        ToggleButton brush = toolButton(Tool.BRUSH, "mdi2b-brush", tools, canvas);
        ToggleButton eraser = toolButton(Tool.ERASER, "mdi2e-eraser", tools, canvas);
        ToggleButton scribble = toolButton(Tool.SCRIBBLE, "mdi2d-draw", tools, canvas);
        canvas.toolProperty().addListener((o, a, t) -> selectTool(tools, t));
        selectTool(tools, canvas.toolProperty().get());

        Slider size = new Slider(CanvasViewModel.MIN_BRUSH, CanvasViewModel.MAX_BRUSH, canvas.brushSizeProperty().get());
        size.setId("brushSize");
        size.setPrefWidth(110);
        size.valueProperty().bindBidirectional(canvas.brushSizeProperty());
        size.setTooltip(new Tooltip("Brush size in pixels ([ smaller, ] bigger)"));
        Label sizeValue = new Label();
        sizeValue.textProperty().bind(canvas.brushSizeProperty().asString("%d px"));
        sizeValue.setMinWidth(48);
        Slider hardness = new Slider(0, 1, canvas.brushHardnessProperty().get());
        hardness.setId("brushHardness");
        hardness.setPrefWidth(80);
        hardness.valueProperty().bindBidirectional(canvas.brushHardnessProperty());
        hardness.setTooltip(new Tooltip("Brush hardness: soft edge at 0, sharp at 1"));

        Button clear = button("clearMask", "mdi2l-layers-remove", "Clear mask (Delete)");
        clear.setOnAction(e -> canvas.clearMask());
        Button invert = button("invertMask", "mdi2i-invert-colors", "Invert mask (Ctrl+I)");
        invert.setOnAction(e -> canvas.invertMask());
        Button undo = button("undo", "mdi2u-undo", "Undo (Ctrl+Z)");
        undo.disableProperty().bind(canvas.undoStack().canUndoProperty().not());
        undo.setOnAction(e -> canvas.undo());
        undo.getTooltip().textProperty().bind(Bindings.concat("Undo ", canvas.undoStack().undoLabelProperty(), " (Ctrl+Z)"));
        Button redo = button("redo", "mdi2r-redo", "Redo (Ctrl+Shift+Z)");
        redo.disableProperty().bind(canvas.undoStack().canRedoProperty().not());
        redo.setOnAction(e -> canvas.redo());
        redo.getTooltip().textProperty().bind(Bindings.concat("Redo ", canvas.undoStack().redoLabelProperty(), " (Ctrl+Shift+Z)"));
        Button fit = button("zoomFit", "mdi2f-fit-to-screen-outline", "Fit picture and frame in view (Ctrl+0)");
        fit.setOnAction(e -> canvasView.fit());
        Button actual = button("zoomActual", "mdi2m-magnify-scan", "Zoom to 100% (Ctrl+1)");
        actual.setOnAction(e -> canvasView.actualSize());

        ToggleSwitch dark = new ToggleSwitch("Dark");
        dark.setId("darkTheme");
        dark.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        dark.setTooltip(new Tooltip("Dark or light theme"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        ToolBar bar = new ToolBar(open, exportCanvas, exportResult, copy, paste, new Separator(),
                move, frame, brush, eraser, scribble, size, sizeValue, hardness, new Separator(),
                clear, invert, new Separator(), undo, redo, new Separator(), fit, actual, spacer,
                new FontIcon("mdi2t-theme-light-dark"), dark);
        bar.setId("toolbar");
        return bar;
    }

    private static void selectTool(ToggleGroup group, Tool tool) {
        group.getToggles().stream().filter(t -> t.getUserData() == tool).findFirst().ifPresent(t -> t.setSelected(true));
    }

    private static ToggleButton toolButton(Tool tool, String icon, ToggleGroup group, CanvasViewModel canvas) {
        ToggleButton b = new ToggleButton(null, new FontIcon(icon));
        b.setId("tool" + tool.name().charAt(0) + tool.name().substring(1).toLowerCase());
        b.setUserData(tool);
        b.setToggleGroup(group);
        b.setTooltip(new Tooltip(tool.tooltip()));
        b.setFocusTraversable(false);
        b.setOnAction(e -> {
            canvas.toolProperty().set(tool);
            b.setSelected(true);
        });
        return b;
    }

    private static Button button(String id, String icon, String tooltip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tooltip));
        b.setFocusTraversable(false);
        return b;
    }
}
