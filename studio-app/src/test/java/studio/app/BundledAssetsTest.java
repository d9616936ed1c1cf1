package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed app finds what it ships with from the launcher's property; a build finds the repository's. */
class BundledAssetsTest {
    @TempDir
    Path dir;

    private Path assetsFolder(Path root) throws Exception {
        Path assets = root.resolve("assets");
        Files.createDirectories(assets.resolve("icons"));
        Files.writeString(assets.resolve(BundledAssets.MARKER), "<svg/>");
        return assets;
    }

    @Test
    void thePackagedLauncherNamesTheFolder() throws Exception {
        Path assets = assetsFolder(dir.resolve("opt/latent-studio/lib/app"));
        assertEquals(Optional.of(assets), BundledAssets.locate(assets.toString(), dir.resolve("elsewhere/studio.jar")));
    }

    @Test
    void aNamedFolderWithoutTheAssetsIsNotFoundRatherThanGuessed() throws Exception {
        assetsFolder(dir.resolve("repo"));
        Path jar = Files.createDirectories(dir.resolve("repo/studio-app/target")).resolve("studio.jar");
        assertEquals(Optional.empty(), BundledAssets.locate(dir.resolve("missing").toString(), jar));
    }

    @Test
    void aBuildFindsTheRepositoryAssetsFromTheJarOrTheClasses() throws Exception {
        Path assets = assetsFolder(dir.resolve("repo"));
        Path target = Files.createDirectories(dir.resolve("repo/studio-app/target/classes")).getParent();
        assertEquals(Optional.of(assets), BundledAssets.locate(null, target.resolve("studio.jar")));
        assertEquals(Optional.of(assets), BundledAssets.locate(null, target.resolve("classes")));
    }

    @Test
    void aCopiedJarFarFromAnyAssetsFindsNothing() throws Exception {
        Path jar = Files.createDirectories(dir.resolve("a/b/c/d")).resolve("studio.jar");
        assertEquals(Optional.empty(), BundledAssets.locate(null, jar));
        assertTrue(BundledAssets.notFoundMessage().contains("assets folder"));
    }
}
