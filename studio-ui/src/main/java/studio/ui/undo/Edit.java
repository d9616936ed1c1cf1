package studio.ui.undo;

/** One undoable change to the canvas; both directions run on the FX thread. */
public interface Edit {
    /** Short words for the menu and status: "mask stroke", "move frame". */
    String label();

    void undo();

    void redo();

    /** Memory the edit keeps alive, so the stack can drop old edits before it grows too big. */
    long bytes();

    static Edit of(String label, long bytes, Runnable undo, Runnable redo) {
        return new Edit() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public void undo() {
                undo.run();
            }

            @Override
            public void redo() {
                redo.run();
            }

            @Override
            public long bytes() {
                return bytes;
            }
        };
    }
}
