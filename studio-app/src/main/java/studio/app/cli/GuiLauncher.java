package studio.app.cli;

import ai.djl.engine.Engine;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.app.AppDirs;
import studio.app.Wiring;
import studio.engine.api.DiffusionEngine;
import studio.engine.io.OutputFolder;
import studio.ui.StudioApp;
import studio.app.ErrorLog;
import studio.ui.StudioContext;

/** Opens the studio window on one engine whose results go to the outputs folder before they are shown. */
final class GuiLauncher {
    /** Window icon sizes rendered from assets/icons/latent-studio.svg into the jar (see the pom). */
    private static final int[] ICON_SIZES = {16, 24, 32, 48, 64, 128, 256};

    private GuiLauncher() {
    }

    /** @param file an image to open on the canvas, or null */
    static int launch(Path file) {
        AppDirs dirs = AppDirs.detect();
        try (Wiring wiring = Wiring.create(dirs);
             DiffusionEngine engine = wiring.engine(new OutputFolder(dirs.outputs()))) {
            StudioApp.launch(new StudioContext(engine, dirs.models(), dirs.state(), dirs.outputs(), deviceLabel())
                            .withLogFile(ErrorLog.current()),
                    file, windowIcons());
        }
        return StudioCommand.EXIT_OK;
    }

    static List<String> windowIcons() {
        List<String> urls = new ArrayList<>();
        for (int size : ICON_SIZES) {
            URL url = GuiLauncher.class.getResource("/studio/app/icons/latent-studio-" + size + ".png");
            if (url != null) {
                urls.add(url.toExternalForm());
            }
        }
        return urls;
    }

    private static String deviceLabel() {
        Engine engine = Engine.getInstance();
        return (engine.getGpuCount() > 0 ? "GPU" : "CPU") + " (libtorch " + engine.getVersion() + ")";
    }
}
