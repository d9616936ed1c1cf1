package studio.ui.persist;

import studio.engine.image.GrayImage;

/**
 * A ControlNet layer's scribble as autosaved: its stroke values (1 = stroke) over the canvas area
 * whose top-left corner is ({@code x}, {@code y}); {@code values} is null when nothing was drawn.
 */
public record ScribbleState(int x, int y, GrayImage values) {
    public static final ScribbleState EMPTY = new ScribbleState(0, 0, null);
}
