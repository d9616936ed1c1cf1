package studio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.app.CliResult;

/** Requests that cannot finish on this machine end in exit 2 with the limit and why, and quickly. */
class RequestBoundsCliTest {
    private static final Duration QUICKLY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void fourKOnTheBuiltInModelIsRefused() {
        Path out = dir.resolve("big.png");
        CliResult r = assertTimeoutPreemptively(QUICKLY, () -> run("generate", "--prompt", "red apple",
                "--width", "4096", "--height", "4096", "--out", out.toString()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("studio: 4096x4096 is 16,777,216 pixels, over this model's budget of "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aTwentyThousandCharacterPromptIsRefused() {
        CliResult r = assertTimeoutPreemptively(QUICKLY, () -> run("generate", "--prompt", "apple ".repeat(3400),
                "--out", dir.resolve("long.png").toString()));
        assertEquals(2, r.code(), r.err());
        assertEquals("studio: the prompt is 20400 characters, over the limit of 10000; shorten it", r.err().strip());
    }
}
