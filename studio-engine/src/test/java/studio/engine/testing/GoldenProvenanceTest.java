package studio.engine.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The golden fixtures are what their scripts make: {@code golden/PROVENANCE.json} (written by
 * {@code tools/reference/provenance.py}) holds the SHA-256 of each generating script and the modules it
 * imports, of the fixtures it read and of those it wrote. A script edited without regenerating, a
 * fixture edited by hand, or a fixture nobody made would let the oracle drift from its reference
 * unnoticed; each fails here with the command that regenerates it.
 */
class GoldenProvenanceTest {
    private static final String GOLDEN = "studio-engine/src/test/resources/golden";

    @Test
    void everyFixtureIsTheOutputOfItsRecordedScriptAndInputs() throws IOException {
        Path root = repositoryRoot();
        JsonObject recorded = JsonParser.parseString(Files.readString(root.resolve(GOLDEN + "/PROVENANCE.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> problems = new ArrayList<>();
        Set<String> accounted = new HashSet<>();
        for (var element : recorded.getAsJsonArray("entries")) {
            JsonObject entry = element.getAsJsonObject();
            String command = entry.get("command").getAsString();
            for (String part : List.of("scripts", "inputs", "outputs")) {
                for (var file : entry.getAsJsonObject(part).entrySet()) {
                    accounted.add(file.getKey());
                    Path path = root.resolve(file.getKey());
                    if (!Files.isRegularFile(path)) {
                        problems.add(file.getKey() + " is missing (" + part + " of '" + command + "')");
                    } else if (!sha256(path).equals(file.getValue().getAsString())) {
                        problems.add(file.getKey() + " changed since '" + command + "' made the fixtures ("
                                + part + "): run that command, then tools/reference/provenance.py");
                    }
                }
            }
        }
        try (Stream<Path> files = Files.walk(root.resolve(GOLDEN))) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.endsWith("/PROVENANCE.json") && !accounted.contains(p))
                    .forEach(p -> problems.add(p + " is a fixture no script is recorded as making: "
                            + "add it to tools/reference/provenance.py"));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The checkout's root: the working folder of a module's tests, or one of its parents. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("tools/reference"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no tools/reference above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
