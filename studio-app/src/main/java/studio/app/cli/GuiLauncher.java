package studio.app.cli;

import ai.djl.engine.Engine;
import studio.app.AppDirs;
import studio.app.Wiring;
import studio.engine.api.DiffusionEngine;
import studio.engine.io.OutputFolder;
import studio.ui.StudioApp;
import studio.ui.StudioContext;

/** Opens the studio window on one engine whose results go to the outputs folder before they are shown. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static int launch() {
        AppDirs dirs = AppDirs.detect();
        try (Wiring wiring = Wiring.create(dirs);
             DiffusionEngine engine = wiring.engine(new OutputFolder(dirs.outputs()))) {
            StudioApp.launch(new StudioContext(engine, dirs.models(), dirs.state(), dirs.outputs(), deviceLabel()));
        }
        return StudioCommand.EXIT_OK;
    }

    private static String deviceLabel() {
        Engine engine = Engine.getInstance();
        return (engine.getGpuCount() > 0 ? "GPU" : "CPU") + " (libtorch " + engine.getVersion() + ")";
    }
}
