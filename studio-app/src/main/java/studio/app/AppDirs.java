package studio.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the studio keeps user data, by platform convention: XDG directories on Linux, AppData on
 * Windows, Application Support on macOS. {@code LATENT_STUDIO_HOME} puts everything under one folder
 * (tests, portable installs).
 *
 * @param models   user checkpoints (the built-in model ships inside the app)
 * @param outputs  every generated image, written before it is shown
 * @param state    autosave of canvas and settings
 * @param config   settings file
 */
public record AppDirs(Path models, Path outputs, Path state, Path config) {

    public static AppDirs detect() {
        return detect(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static AppDirs detect(Map<String, String> env, String osName, Path home) {
        String override = env.get("LATENT_STUDIO_HOME");
        if (override != null && !override.isBlank()) {
            Path root = Path.of(override);
            return new AppDirs(root.resolve("models"), root.resolve("outputs"), root.resolve("state"), root.resolve("config"));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path appData = Path.of(env.getOrDefault("APPDATA", home.resolve("AppData/Roaming").toString()), "LatentStudio");
            Path local = Path.of(env.getOrDefault("LOCALAPPDATA", home.resolve("AppData/Local").toString()), "LatentStudio");
            // Checkpoints are gigabytes: Local, so a roaming profile does not copy them at every sign-in.
            return new AppDirs(local.resolve("models"), home.resolve("Pictures/Latent Studio"), local.resolve("state"),
                    appData.resolve("config"));
        }
        if (os.contains("mac")) {
            Path support = home.resolve("Library/Application Support/Latent Studio");
            return new AppDirs(support.resolve("models"), home.resolve("Pictures/Latent Studio"), support.resolve("state"),
                    support.resolve("config"));
        }
        Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("latent-studio");
        Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("latent-studio");
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("latent-studio");
        return new AppDirs(data.resolve("models"), data.resolve("outputs"), state, config);
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() || !Path.of(v).isAbsolute() ? fallback : Path.of(v);
    }
}
