package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;

/** Runs the real process path against a stand-in npm script: no network, no real npm. */
@DisabledOnOs(OS.WINDOWS)
class NpmPackageCacheTest {
    private static final NpmPackage APPLE = new NpmPackage("apple-pack", "1.2.3");
    private static final NpmPackage PEAR = new NpmPackage("pear-pack", "4.5.6");

    @TempDir
    Path tmp;

    /** A fake npm that logs its arguments and "installs" each name@version by writing package.json. */
    private Path fakeNpm() throws IOException {
        Path script = tmp.resolve("fake-npm");
        Files.writeString(script, """
                #!/bin/sh
                echo "$@" >> "$(dirname "$0")/calls.log"
                prefix=""
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --prefix) prefix="$2"; shift 2;;
                    --*|install) shift;;
                    *) name="${1%@*}"; version="${1##*@}"
                       mkdir -p "$prefix/node_modules/$name"
                       printf '{"name": "%s", "version": "%s"}' "$name" "$version" > "$prefix/node_modules/$name/package.json"
                       shift;;
                  esac
                done
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private List<String> calls() throws IOException {
        Path log = tmp.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void installsOnlyWhatIsMissingAndThenRunsOffline() throws IOException {
        NpmPackageCache cache = new NpmPackageCache(tmp.resolve("cache"), fakeNpm().toString());
        List<String> log = new ArrayList<>();

        assertEquals(List.of(APPLE, PEAR), cache.ensureInstalled(List.of(APPLE, PEAR), log::add));
        assertTrue(cache.isInstalled(APPLE));
        assertEquals(1, calls().size());
        assertTrue(calls().get(0).contains("--no-save"), calls().get(0));
        assertTrue(calls().get(0).contains("apple-pack@1.2.3 pear-pack@4.5.6"), calls().get(0));

        assertEquals(List.of(), cache.ensureInstalled(List.of(APPLE, PEAR), log::add));
        assertEquals(1, calls().size(), "a filled cache must not run npm again");
    }

    @Test
    void anotherVersionInTheCacheIsReinstalled() throws IOException {
        NpmPackageCache cache = new NpmPackageCache(tmp.resolve("cache"), fakeNpm().toString());
        Path dir = Files.createDirectories(cache.packageDir(APPLE));
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"apple-pack\", \"version\": \"1.0.0\"}");
        assertFalse(cache.isInstalled(APPLE));
        assertEquals(List.of(APPLE), cache.ensureInstalled(List.of(APPLE), line -> { }));
        assertTrue(cache.isInstalled(APPLE));
    }

    @Test
    void missingNpmSaysWhatToInstall() {
        NpmPackageCache cache = new NpmPackageCache(tmp.resolve("cache"), tmp.resolve("no-such-npm").toString());
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> cache.ensureInstalled(List.of(APPLE), line -> { }));
        assertTrue(e.getMessage().contains("Install Node.js"), e.getMessage());
        assertTrue(e.getMessage().contains("apple-pack@1.2.3"), e.getMessage());
    }

    @Test
    void failingNpmReportsItsExitCodeAndOutput() throws IOException {
        Path script = tmp.resolve("failing-npm");
        Files.writeString(script, "#!/bin/sh\necho 'npm ERR! 404 Not Found - apple-pack'\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        NpmPackageCache cache = new NpmPackageCache(tmp.resolve("cache"), script.toString());
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> cache.ensureInstalled(List.of(APPLE), line -> { }));
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("404 Not Found"), e.getMessage());
    }
}
