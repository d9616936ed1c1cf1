package studio.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the read-only files that ship with the studio (icons, licences, and the trained default model
 * once it lands). An installed package's launcher names the folder with {@code -Dstudio.assets}; a
 * build run from the repository finds the repository's {@code assets/} above the jar or classes folder.
 * Nothing here reads the source tree of an installed app.
 */
public final class BundledAssets {
    public static final String PROPERTY = "studio.assets";
    /** A file every assets folder has; guards against picking up an unrelated "assets" folder. */
    static final String MARKER = "icons/latent-studio.svg";

    private BundledAssets() {
    }

    /** The assets folder, or empty when neither the launcher nor the build layout gives one. */
    public static Optional<Path> locate() {
        return locate(System.getProperty(PROPERTY), codeLocation());
    }

    static Optional<Path> locate(String property, Path code) {
        if (property != null && !property.isBlank()) {
            Path named = Path.of(property).toAbsolutePath().normalize();
            return Files.isRegularFile(named.resolve(MARKER)) ? Optional.of(named) : Optional.empty();
        }
        // studio-app/target/studio.jar or studio-app/target/classes: the repository is three levels up.
        Path dir = code == null ? null : code.toAbsolutePath().normalize().getParent();
        for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("assets").resolve(MARKER))) {
                return Optional.of(dir.resolve("assets"));
            }
        }
        return Optional.empty();
    }

    /** What to tell the user when {@link #locate()} finds nothing. */
    public static String notFoundMessage() {
        String property = System.getProperty(PROPERTY);
        return property == null
                ? "the studio's assets folder was not found beside " + codeLocation()
                        + "; run the studio from its build (studio-app/target/studio.jar) or an installed package"
                : "the studio's assets folder " + property + " (-D" + PROPERTY + ") is missing or incomplete; "
                        + "reinstall the package";
    }

    private static Path codeLocation() {
        try {
            return Path.of(BundledAssets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
