package studio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static studio.app.CliResult.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input refused before any work, in one line with exit 2; unexpected failures in one line with the log's path. */
class RefusalsCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownSamplerIsRefusedBeforeTheModelIsLoaded() {
        // the model does not exist: had it been loaded first, the message would be about the model
        CliResult r = run("generate", "--prompt", "x", "--sampler", "eulr", "--model",
                dir.resolve("absent.safetensors").toString(), "--out", dir.resolve("s.png").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("studio: unknown sampler 'eulr'; choose one of: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddpm, lcm",
                r.err().strip());
    }

    @Test
    void aPipeNamedAsTheModelIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("model.safetensors");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available");
        CliResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("generate", "--prompt", "x",
                "--model", fifo.toString(), "--out", dir.resolve("f.png").toString()));
        assertEquals(2, r.code(), r.err());
        assertEquals("studio: " + fifo + ": is not a regular file (a pipe, device or socket); give a .safetensors "
                + "checkpoint file", r.err().strip());
    }

    @Test
    void anOutThatIsAFolderIsRefusedBeforeGenerating() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("results.png"));
        CliResult r = run("generate", "--prompt", "x", "--steps", "1", "--out", folder.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("studio: --out " + folder + " is a folder; name a file in it, e.g. " + folder.resolve("image.png"),
                r.err().strip());
        assertTrue(!r.err().contains("step"), "nothing was generated: " + r.err());
    }

    @Test
    void anUnexpectedFailureIsOneLineNamingTheLogThatHoldsTheTrace() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file.txt"), "in the way");
        CliResult r = run("generate", "--prompt", "x", "--steps", "1", "--out", blocker.resolve("x.png").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        Path log = AppDirs.detect().state().resolve("logs/studio.log").toAbsolutePath();
        assertTrue(r.err().strip().endsWith("; the details are in " + log), r.err());
        String trace = Files.readString(log);
        assertTrue(trace.contains("cannot create the output folder") && trace.contains("\tat "), trace);
    }
}
