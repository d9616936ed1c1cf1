package studio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.app.CliResult;

/** What the desktop hands the launcher ("Open with" passes a file) and what `studio paths` tells a user. */
class LaunchArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotThereIsRefusedBeforeAnyWindowOpens() {
        Path missing = dir.resolve("gone.png");
        CliResult r = run(missing.toString());
        assertEquals(2, r.code());
        assertEquals("studio: cannot open " + missing + ": no such file", r.err().strip());
    }

    @Test
    void aFolderIsNotAnImage() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("pictures"));
        CliResult r = run(folder.toString());
        assertEquals(2, r.code());
        assertEquals("studio: cannot open " + folder + ": it is not a file", r.err().strip());
    }

    @Test
    void helpNamesTheFileArgumentAndTheSubcommandsStillWin() {
        CliResult help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("[FILE]"), help.out());
        CliResult paths = run("paths", "--help");
        assertEquals(0, paths.code(), "'paths' is the subcommand, not a file called paths: " + paths.err());
    }

    @Test
    void pathsShowsTheBundledAssetsAndTheUserFolders() {
        CliResult r = run("paths");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        Path assets = Path.of(lines.get(0).substring("assets:".length()).strip());
        assertTrue(Files.isRegularFile(assets.resolve("icons/latent-studio.svg")), r.out());
        assertTrue(lines.get(1).startsWith("models:  "), r.out());
        assertTrue(lines.get(2).startsWith("outputs: "), r.out());
    }

    @Test
    void theWindowIconsComeFromTheJarInEverySize() {
        List<String> icons = GuiLauncher.windowIcons();
        assertEquals(7, icons.size(), icons.toString());
        assertTrue(icons.get(0).endsWith("latent-studio-16.png"), icons.get(0));
        assertTrue(icons.get(6).endsWith("latent-studio-256.png"), icons.get(6));
    }
}
