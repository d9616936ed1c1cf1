package studio.app.cli;

/** Opens the studio window (wired to the UI module). */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static int launch() {
        throw new UnsupportedOperationException("the studio window is not wired yet");
    }
}
