package studio.ui.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of autosaving: the canvas file is always a whole save, the last one the
 * writer finished or the one it was finishing, never a mixture and never a damaged file.
 */
class KilledWhileAutosavingTest {
    @TempDir
    Path state;

    @Test
    void theCanvasFileIsAlwaysAWholeSave() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Killed after a different number of finished saves each round, so the kill lands at
        // different points of a save: while the deflated bytes stream out, at the sync, at the rename.
        int[] killAfterSaves = {1, 2, 3, 5, 8};
        for (int saves : killAfterSaves) {
            Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    AutosaveWriterLoop.class.getName(), state.toString())).redirectErrorStream(true).start();
            int lastDone;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                lastDone = CompletableFuture.supplyAsync(() -> {
                    try {
                        int done = 0;
                        while (done < saves) {
                            done = Integer.parseInt(out.readLine().strip());
                        }
                        return done;
                    } catch (Exception e) {
                        throw new IllegalStateException("the writer stopped: " + e, e);
                    }
                }).get(120, TimeUnit.SECONDS);
            } finally {
                child.destroyForcibly();
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));

            SessionFiles.Read<CanvasState> read = new SessionFiles(state).readCanvas();
            assertNull(read.problem(), "the canvas file reads back after the kill");
            CanvasState saved = read.value().orElseThrow();
            int n = saved.image().pixels()[0] & 0xffffff;
            assertTrue(n == lastDone || n == lastDone + 1, "save " + n + " after " + lastDone + " were reported done");
            CanvasState expected = AutosaveWriterLoop.state(n);
            assertEquals(expected.image(), saved.image(), "the picture is all of one save");
            assertArrayEquals(expected.mask().values(), saved.mask().values(), "the mask is of the same save");
            assertEquals(expected.frame(), saved.frame(), "and so is the frame");
            try (Stream<Path> files = Files.list(state)) {
                assertTrue(files.filter(p -> !p.getFileName().toString().startsWith(".")).allMatch(
                        p -> p.getFileName().toString().equals("canvas.bin")), "no other visible file");
            }
        }
    }
}
