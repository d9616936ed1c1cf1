package studio.ui.canvas;

import javafx.scene.input.KeyCode;

/** What a left-drag on the canvas does. */
public enum Tool {
    MOVE("Move view", KeyCode.V),
    FRAME("Generation frame: drag to move, handles to resize", KeyCode.F),
    BRUSH("Brush: paint the area to repaint", KeyCode.B),
    ERASER("Eraser: remove mask", KeyCode.E),
    SCRIBBLE("Scribble: sketch on the ControlNet layer (right-drag erases)", KeyCode.S);

    private final String description;
    private final KeyCode shortcut;

    Tool(String description, KeyCode shortcut) {
        this.description = description;
        this.shortcut = shortcut;
    }

    public String description() {
        return description;
    }

    public KeyCode shortcut() {
        return shortcut;
    }

    /** The tooltip: what it does and its key. */
    public String tooltip() {
        return description + " (" + shortcut.getName() + ")";
    }
}
