package studio.engine.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The team's shared CLIP vocabulary and this package's golden files. */
final class TokenizerFixtures {
    private static ClipTokenizer sd1;

    private TokenizerFixtures() {
    }

    /** {@code shared/fixtures/clip-tokenizer}, found by walking up from the working directory. */
    static Path clipTokenizerDir() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/clip-tokenizer");
            if (Files.isRegularFile(candidate.resolve("vocab.json"))) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/fixtures/clip-tokenizer (vocab.json, merges.txt) not found above "
                + System.getProperty("user.dir") + "; CLIP tokenizer tests need the team's shared fixtures");
        throw new AssertionError("unreachable");
    }

    /** SD 1.x tokenizer over the shared vocabulary, loaded once for all tests. */
    static synchronized ClipTokenizer sd1() {
        if (sd1 == null) {
            sd1 = ClipTokenizer.load(clipTokenizerDir());
        }
        return sd1;
    }

    static JsonObject golden(String name) {
        String resource = "/golden/tokenizer/" + name;
        try (InputStream in = TokenizerFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
