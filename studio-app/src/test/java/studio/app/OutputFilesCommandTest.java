package studio.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static studio.app.CliResult.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results are never overwritten, the path written is printed, and the files are readable as any other. */
class OutputFilesCommandTest {
    @TempDir
    Path dir;

    @Test
    void anExistingOutIsKeptAndTheNextFreeNameIsPrinted() throws Exception {
        Path out = dir.resolve("img.png");
        byte[] earlier = {1, 2, 3};
        Files.write(out, earlier);
        CliResult r = run("generate", "--prompt", "x", "--steps", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(earlier, Files.readAllBytes(out));
        assertEquals(List.of(dir.resolve("img-2.png").toString()), r.out().strip().lines().toList());
    }

    @Test
    void aSecondBatchIntoTheSameNamesKeepsTheFirst() throws Exception {
        Path out = dir.resolve("b.png");
        CliResult first = run("generate", "--prompt", "x", "--steps", "1", "--batch", "2", "--out", out.toString());
        CliResult second = run("generate", "--prompt", "x", "--steps", "1", "--batch", "2", "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        assertEquals(0, second.code(), second.err());
        assertEquals(List.of(dir.resolve("b-0.png").toString(), dir.resolve("b-1.png").toString()),
                first.out().strip().lines().toList());
        assertEquals(List.of(dir.resolve("b-0-2.png").toString(), dir.resolve("b-1-2.png").toString()),
                second.out().strip().lines().toList());
    }

    @Test
    void theImageGetsTheUsualModeNotOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        String usual = PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain"))));
        Path out = dir.resolve("m.png");
        assertEquals(0, run("generate", "--prompt", "x", "--steps", "1", "--out", out.toString()).code());
        assertEquals(usual, PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }
}
