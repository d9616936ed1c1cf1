package studio.ui.main;

import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import studio.ui.canvas.CanvasView;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.canvas.Tool;

/**
 * The window's keys. Ctrl+Enter and Esc work everywhere; the rest step aside while a text field has
 * the focus, so typing a prompt never switches tools. The tooltips name the same keys.
 */
final class Shortcuts {
    private Shortcuts() {
    }

    static void install(Scene scene, StudioViewModel vm, CanvasView canvasView, FileActions files) {
        CanvasViewModel canvas = vm.canvas();
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode code = e.getCode();
            boolean ctrl = e.isShortcutDown();
            if (ctrl && code == KeyCode.ENTER) {
                vm.generation().generate();
                e.consume();
                return;
            }
            if (code == KeyCode.ESCAPE && (vm.generation().runningProperty().get() || vm.generation().liveRunningProperty().get())) {
                vm.generation().cancel();
                e.consume();
                return;
            }
            if (scene.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            boolean handled = true;
            if (ctrl && code == KeyCode.Z) {
                if (e.isShiftDown()) {
                    canvas.redo();
                } else {
                    canvas.undo();
                }
            } else if (ctrl && code == KeyCode.Y) {
                canvas.redo();
            } else if (ctrl && code == KeyCode.O) {
                files.open();
            } else if (ctrl && code == KeyCode.E) {
                if (e.isShiftDown()) {
                    files.exportResult();
                } else {
                    files.exportCanvas();
                }
            } else if (ctrl && code == KeyCode.C) {
                files.copy();
            } else if (ctrl && code == KeyCode.V) {
                files.paste();
            } else if (ctrl && (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0)) {
                canvasView.fit();
            } else if (ctrl && (code == KeyCode.DIGIT1 || code == KeyCode.NUMPAD1)) {
                canvasView.actualSize();
            } else if (ctrl && code == KeyCode.I) {
                canvas.invertMask();
            } else if (ctrl || e.isAltDown()) {
                handled = false;
            } else if (code == KeyCode.K && vm.generation().liveResultProperty().get() != null) {
                vm.generation().keepLiveResult();
            } else if (code == KeyCode.DELETE) {
                canvas.clearMask();
            } else if (code == KeyCode.OPEN_BRACKET) {
                canvas.shrinkBrush();
            } else if (code == KeyCode.CLOSE_BRACKET) {
                canvas.growBrush();
            } else if (code == KeyCode.SPACE) {
                canvasView.spaceDownProperty().set(true);
            } else if (vm.staging().activeProperty().get() && code == KeyCode.ENTER) {
                vm.staging().accept();
            } else if (vm.staging().activeProperty().get() && code == KeyCode.BACK_SPACE) {
                vm.staging().discard();
            } else if (vm.staging().activeProperty().get() && code == KeyCode.LEFT) {
                vm.staging().previous();
            } else if (vm.staging().activeProperty().get() && code == KeyCode.RIGHT) {
                vm.staging().next();
            } else {
                handled = false;
                for (Tool tool : Tool.values()) {
                    if (tool.shortcut() == code) {
                        canvas.toolProperty().set(tool);
                        handled = true;
                    }
                }
            }
            if (handled) {
                e.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                canvasView.spaceDownProperty().set(false);
            }
        });
    }
}
