package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.model.CheckpointLoader;

/** A named pipe given as a model or image is refused at once: opening it would wait for a writer forever. */
class RegularFilesTest {
    @TempDir
    Path dir;

    /** A FIFO made with mkfifo (POSIX only). */
    static Path fifo(Path file) throws Exception {
        Process p = new ProcessBuilder("mkfifo", file.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available");
        return file;
    }

    @Test
    void aFifoNamedLikeACheckpointIsRefusedWithoutOpeningIt() throws Exception {
        Path model = fifo(dir.resolve("model.safetensors"));
        assertRefusedQuickly(() -> CheckpointLoader.open(model).close(), model
                + ": is not a regular file (a pipe, device or socket); give a .safetensors checkpoint file");
    }

    @Test
    void aFifoNamedLikeAnImageIsRefusedAsImageAndAsParameters() throws Exception {
        Path png = fifo(dir.resolve("in.png"));
        String expected = png + ": is not a regular file (a pipe, device or socket); give ";
        assertRefusedQuickly(() -> ImageLoader.load(png), expected + "an image file");
        assertRefusedQuickly(() -> PngImages.parameters(png), expected + "a PNG file");
    }

    @Test
    void aDeviceIsRefused() {
        Path device = Path.of("/dev/zero");
        assumeTrue(device.toFile().exists());
        assertRefusedQuickly(() -> RegularFiles.require(device, "a .safetensors checkpoint file"),
                "/dev/zero: is not a regular file (a pipe, device or socket); give a .safetensors checkpoint file");
    }

    private static void assertRefusedQuickly(Executable open, String message) {
        InvalidRequestException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InvalidRequestException.class, open));
        assertEquals(message, e.getMessage());
    }
}
