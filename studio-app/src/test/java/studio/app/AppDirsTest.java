package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User data goes where each platform's users and tools expect it. */
class AppDirsTest {
    private final Path home = Path.of("/home/ada");

    @Test
    void linuxFollowsXdg() {
        AppDirs d = AppDirs.detect(Map.of(), "Linux", home);
        assertEquals(Path.of("/home/ada/.local/share/latent-studio/models"), d.models());
        assertEquals(Path.of("/home/ada/.local/share/latent-studio/outputs"), d.outputs());
        assertEquals(Path.of("/home/ada/.local/state/latent-studio"), d.state());
        assertEquals(Path.of("/home/ada/.config/latent-studio"), d.config());
        AppDirs custom = AppDirs.detect(Map.of("XDG_DATA_HOME", "/data", "XDG_CONFIG_HOME", "relative"), "Linux", home);
        assertEquals(Path.of("/data/latent-studio/models"), custom.models());
        assertEquals(Path.of("/home/ada/.config/latent-studio"), custom.config(), "relative XDG paths are ignored");
    }

    @Test
    void windowsAndMacUseTheirConventionalFolders() {
        AppDirs w = AppDirs.detect(Map.of("APPDATA", "C:/Users/ada/AppData/Roaming",
                "LOCALAPPDATA", "C:/Users/ada/AppData/Local"), "Windows 11", home);
        assertEquals(Path.of("C:/Users/ada/AppData/Local/LatentStudio/models"), w.models(), "gigabytes do not roam");
        assertEquals(Path.of("C:/Users/ada/AppData/Local/LatentStudio/state"), w.state());
        assertEquals(Path.of("C:/Users/ada/AppData/Roaming/LatentStudio/config"), w.config());
        assertEquals(Path.of("/home/ada/Pictures/Latent Studio"), w.outputs());
        AppDirs m = AppDirs.detect(Map.of(), "Mac OS X", home);
        assertEquals(Path.of("/home/ada/Library/Application Support/Latent Studio/models"), m.models());
        assertEquals(Path.of("/home/ada/Library/Application Support/Latent Studio/state"), m.state());
        assertEquals(Path.of("/home/ada/Pictures/Latent Studio"), m.outputs());
    }

    @Test
    void oneVariablePutsEverythingInOnePlace() {
        AppDirs d = AppDirs.detect(Map.of("LATENT_STUDIO_HOME", "/tmp/ls"), "Linux", home);
        assertEquals(Path.of("/tmp/ls/outputs"), d.outputs());
        assertEquals(Path.of("/tmp/ls/state"), d.state());
    }
}
