package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.image.RgbImage;

/** Results are never replaced, concurrent writers never collide, and files get the usual mode. */
class PngWriteNewTest {
    @TempDir
    Path dir;

    @Test
    void anExistingFileIsKeptAndTheNextFreeNameIsUsed() throws Exception {
        Path first = dir.resolve("img.png");
        PngImages.write(RgbImage.filled(2, 2, 0xFF0000), first, "first");
        Path second = PngImages.writeNew(RgbImage.filled(2, 2, 0x00FF00), first, "second");
        Path third = PngImages.writeNew(RgbImage.filled(2, 2, 0x0000FF), first, "third");
        assertEquals(dir.resolve("img-2.png"), second);
        assertEquals(dir.resolve("img-3.png"), third);
        assertEquals(Optional.of("first"), PngImages.parameters(first));
        assertEquals(Optional.of("second"), PngImages.parameters(second));
        assertEquals(Optional.of("third"), PngImages.parameters(third));
    }

    @Test
    void aFreeNameIsUsedAsGiven() throws Exception {
        assertEquals(dir.resolve("new.png"), PngImages.writeNew(RgbImage.filled(1, 1, 0), dir.resolve("new.png"), "x"));
    }

    @Test
    void concurrentWritersOfOneNameEachGetTheirOwnFile() throws Exception {
        Path out = dir.resolve("same.png");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Path>> writes = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                String text = "writer " + i;
                Callable<Path> write = () -> PngImages.writeNew(RgbImage.filled(4, 4, 0), out, text);
                writes.add(pool.submit(write));
            }
            Set<Path> written = new HashSet<>();
            Set<String> texts = new HashSet<>();
            for (Future<Path> w : writes) {
                Path p = w.get();
                written.add(p);
                texts.add(PngImages.parameters(p).orElseThrow());
            }
            assertEquals(32, written.size());
            assertEquals(32, texts.size());
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(32, files.count(), "no temporary files are left");
        }
    }

    @Test
    void writtenPngsGetTheModeOfAnyNewFileNotOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        String usual = PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain"))));
        Path replaced = dir.resolve("replaced.png");
        PngImages.write(RgbImage.filled(1, 1, 0), replaced, "x");
        Path created = PngImages.writeNew(RgbImage.filled(1, 1, 0), dir.resolve("created.png"), "x");
        assertEquals(usual, PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)));
        assertEquals(usual, PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
    }
}
