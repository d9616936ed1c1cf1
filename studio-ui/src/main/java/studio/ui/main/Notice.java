package studio.ui.main;

/**
 * A message for the user, shown as a notification over the canvas.
 *
 * @param serial grows with each notice, so the same words twice still show twice
 */
public record Notice(Kind kind, String text, long serial) {
    public enum Kind { INFO, ERROR }
}
