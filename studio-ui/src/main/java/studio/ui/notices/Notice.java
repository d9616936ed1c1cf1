package studio.ui.notices;

/**
 * A message for the user, shown as a notification over the canvas.
 *
 * @param serial      grows with each notice, so the same words twice still show twice
 * @param actionLabel the words on the notice's button, or null for none
 * @param action      what the button does (on the FX thread), or null
 */
public record Notice(Kind kind, String text, long serial, String actionLabel, Runnable action) {
    public enum Kind { INFO, ERROR }

    public Notice(Kind kind, String text, long serial) {
        this(kind, text, serial, null, null);
    }
}
