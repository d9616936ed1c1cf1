package studio.train.dataset;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import studio.engine.api.InvalidRequestException;

/**
 * A folder outside git where npm installs the emoji packages ({@code <cache>/node_modules/<name>}).
 * npm runs only for packages that are missing or at another version, so a filled cache works offline.
 */
public final class NpmPackageCache {
    private static final long INSTALL_TIMEOUT_MINUTES = 20;
    private static final int OUTPUT_LINES_KEPT = 15;

    private final Path root;
    private final String npmCommand;

    /**
     * @param root       the cache folder ({@code --prefix} of npm install)
     * @param npmCommand the npm executable, normally just "npm" from the PATH
     */
    public NpmPackageCache(Path root, String npmCommand) {
        this.root = root.toAbsolutePath().normalize();
        this.npmCommand = npmCommand;
    }

    public Path root() {
        return root;
    }

    /** Where the package's files are (or would be) once installed. */
    public Path packageDir(NpmPackage pkg) {
        return root.resolve("node_modules").resolve(pkg.name());
    }

    /** Whether the package is in the cache at exactly the pinned version. */
    public boolean isInstalled(NpmPackage pkg) {
        Path packageJson = packageDir(pkg).resolve("package.json");
        if (!Files.isRegularFile(packageJson)) {
            return false;
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(packageJson)).getAsJsonObject();
            return json.has("version") && pkg.version().equals(json.get("version").getAsString());
        } catch (IOException | RuntimeException e) {
            return false; // a broken package.json is reinstalled
        }
    }

    /**
     * Installs with npm the packages that are not cached yet, in one npm call.
     *
     * @return the packages npm was asked to install (empty when all were cached)
     * @throws InvalidRequestException when npm is missing, fails or leaves a package absent
     */
    public List<NpmPackage> ensureInstalled(List<NpmPackage> packages, Consumer<String> log) {
        List<NpmPackage> missing = packages.stream().filter(p -> !isInstalled(p)).distinct().toList();
        if (missing.isEmpty()) {
            return missing;
        }
        List<String> command = new ArrayList<>(List.of(npmCommand, "install", "--no-save", "--no-audit",
                "--no-fund", "--prefix", root.toString()));
        missing.forEach(p -> command.add(p.spec()));
        log.accept("npm: installing " + String.join(" ", command.subList(7, command.size())) + " into " + root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the npm cache folder " + root, e);
        }
        runNpm(command, missing);
        List<NpmPackage> stillMissing = missing.stream().filter(p -> !isInstalled(p)).toList();
        if (!stillMissing.isEmpty()) {
            throw new InvalidRequestException("npm finished but " + stillMissing.stream().map(NpmPackage::spec).toList()
                    + " is not in " + root.resolve("node_modules") + "; remove that folder and run again");
        }
        return missing;
    }

    private void runNpm(List<String> command, List<NpmPackage> missing) {
        Path log;
        Process process;
        try {
            // npm's output goes to a file, so a hung npm cannot block us and the timeout below holds.
            log = Files.createTempFile("latent-studio-npm", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for npm's output", e);
        }
        try {
            try {
                process = new ProcessBuilder(command).directory(root.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new InvalidRequestException("cannot run '" + npmCommand + "' to install "
                        + missing.stream().map(NpmPackage::spec).toList() + ": " + e.getMessage()
                        + ". Install Node.js (it includes npm), or put the packages into "
                        + root.resolve("node_modules") + " yourself with 'npm install --no-save --prefix "
                        + root + " <package>@<version>'", e);
            }
            try {
                if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new InvalidRequestException("npm install did not finish in " + INSTALL_TIMEOUT_MINUTES
                            + " minutes; check the connection to the npm registry");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InvalidRequestException("npm install was interrupted", e);
            }
            if (process.exitValue() != 0) {
                throw new InvalidRequestException("npm install failed with exit code " + process.exitValue()
                        + " (is the npm registry reachable?). The end of its output:\n" + tail(log));
            }
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_KEPT), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(npm's output could not be read: " + e.getMessage() + ")";
        }
    }
}
