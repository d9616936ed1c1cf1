package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;

class OutputFolderTest {
    private static final Clock MAY_6 = Clock.fixed(Instant.parse("2024-05-06T10:15:30Z"), ZoneId.of("UTC"));

    @TempDir
    Path dir;

    private final GenerationRequest request = GenerationRequest.builder().prompt("a red fox").size(64, 64)
            .seed(42).modelId("/models/v1-5-pruned-emaonly.safetensors").build();

    @Test
    void savesIntoTheDayFolderWithCounterAndSeed() throws IOException {
        Path root = dir.resolve("outputs/txt2img");
        OutputFolder folder = new OutputFolder(root, MAY_6);
        RgbImage image = PngFixtures.random(8, 8, 1);

        Path first = folder.save(image, request);
        Path second = folder.save(image, request.withSeed(43));

        assertEquals(root.resolve("2024-05-06/00000-42.png"), first);
        assertEquals(root.resolve("2024-05-06/00001-43.png"), second);
        assertEquals(image, PngImages.read(first));
        assertEquals(Optional.of("a red fox\nSteps: 20, Sampler: DDIM, CFG scale: 7, Seed: 42, Size: 64x64, "
                + "Model: v1-5-pruned-emaonly"), PngImages.parameters(first));
    }

    @Test
    void counterContinuesFromExistingFilesWhichAreLeftUntouched() throws IOException {
        Path day = Files.createDirectories(dir.resolve("2024-05-06"));
        Files.write(day.resolve("00007-1.png"), new byte[] {1, 2, 3});
        Files.write(day.resolve("00003-99.png"), new byte[] {4});
        Files.write(day.resolve("00050-1.jpg"), new byte[] {5}); // not a PNG: not counted
        Files.write(day.resolve("notes.png"), new byte[] {6});

        Path saved = new OutputFolder(dir, MAY_6).save(RgbImage.filled(8, 8, 0), request);

        assertEquals(day.resolve("00008-42.png"), saved);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(day.resolve("00007-1.png")));
    }

    @Test
    void aFileWhereTheDayFolderShouldBeNamesTheFolder() throws IOException {
        Files.write(dir.resolve("2024-05-06"), new byte[0]);
        IOException e = assertThrows(IOException.class,
                () -> new OutputFolder(dir, MAY_6).save(RgbImage.filled(8, 8, 0), request));
        assertTrue(e.getMessage().startsWith("cannot create output folder " + dir.resolve("2024-05-06")),
                e.getMessage());
    }

    @Test
    void anOutputRootBelowAFileNamesTheFolder() throws IOException {
        Path notAFolder = Files.write(dir.resolve("outputs"), new byte[0]);
        IOException e = assertThrows(IOException.class,
                () -> new OutputFolder(notAFolder.resolve("sub"), MAY_6).save(RgbImage.filled(8, 8, 0), request));
        assertTrue(e.getMessage().contains(notAFolder.resolve("sub").resolve("2024-05-06").toString()),
                e.getMessage());
    }

    @Test
    void temporaryFilesLeftByAKilledWriterAreSweptOnlyWhenOld() throws IOException {
        Path root = dir.resolve("outputs");
        Path day = Files.createDirectories(root.resolve("2024-05-06"));
        Path abandoned = Files.write(day.resolve(".00003-7.png.k2j4h5g6f7d8.part"), new byte[] {1});
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(
                Instant.now().minus(OutputNames.ABANDONED_AFTER).minusSeconds(60)));
        Path inProgress = Files.write(day.resolve(".00004-7.png.a1b2c3.part"), new byte[] {1});
        Path usersOwn = Files.write(day.resolve(".notes.part"), new byte[] {1});
        Files.setLastModifiedTime(usersOwn, Files.getLastModifiedTime(abandoned));

        Path saved = new OutputFolder(root, MAY_6).save(PngFixtures.random(8, 8, 2), request);

        assertEquals(day.resolve("00000-42.png"), saved);
        assertTrue(Files.notExists(abandoned), "a temporary file untouched for over an hour is removed");
        assertTrue(Files.exists(inProgress), "a fresh one may belong to a writer still at work");
        assertTrue(Files.exists(usersOwn), "files not named as ours are left alone");
    }
}
