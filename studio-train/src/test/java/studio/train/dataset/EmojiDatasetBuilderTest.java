package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;

class EmojiDatasetBuilderTest {
    @TempDir
    Path tmp;
    EmojiPackagesFixture fixture;

    @BeforeEach
    void writeFixture() throws IOException {
        fixture = EmojiPackagesFixture.write(tmp.resolve("cache"));
    }

    private BuildReport build(Path out, int size, int background, double heldout) throws IOException {
        var options = new EmojiDatasetBuilder.Options(out, size, List.of(EmojiSet.values()), background, heldout, 2);
        return new EmojiDatasetBuilder(options).build(fixture.packageDirs(), fixture.namesDir(), line -> { });
    }

    @Test
    void captionsComeFromCldrNamesWithTheStyleWord() throws IOException {
        Path out = tmp.resolve("out");
        build(out, 32, 0xFFFFFF, 0.3);
        Set<String> captions = DatasetFiles.readManifest(out).stream().map(ManifestEntry::caption)
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "grinning face with big eyes, noto style", "red apple, noto style", "one oclock, noto style",
                "pinata, noto style", "technologist, noto style", "rainbow flag, noto style",
                "grinning face with big eyes, twemoji style", "red apple, twemoji style", "one oclock, twemoji style",
                "pinata, twemoji style", "technologist, twemoji style", "rainbow flag, twemoji style",
                "grinning face with big eyes, fluent style", "red apple, fluent style", "one oclock, fluent style",
                "pinata, fluent style", "technologist, fluent style", "rainbow flag, fluent style",
                "smiling face with open hands, fluent style", "horizontal traffic light, fluent style"), captions);
    }

    @Test
    void reportCountsEachSkipByReason() throws IOException {
        BuildReport report = build(tmp.resolve("out"), 32, 0xFFFFFF, 0.3);
        Map<EmojiSet, BuildReport.SetReport> bySet = new HashMap<>();
        report.sets().forEach(s -> bySet.put(s.set(), s));

        BuildReport.SetReport noto = bySet.get(EmojiSet.NOTO);
        assertEquals(6, noto.written());
        assertEquals(Map.of(SkipReason.COUNTRY_FLAG, 1, SkipReason.KEYCAP, 1, SkipReason.MULTI_PERSON, 1,
                SkipReason.SKIN_TONE, 3, SkipReason.NO_IMAGE, 1), noto.skipped());

        BuildReport.SetReport fluent = bySet.get(EmojiSet.FLUENT);
        assertEquals(8, fluent.written());
        assertEquals(Map.of(SkipReason.SKIN_TONE, 2, SkipReason.KEYCAP, 1, SkipReason.NO_NAME, 1,
                SkipReason.RENDER_FAILED, 1), fluent.skipped());
        assertTrue(fluent.notes().stream().anyMatch(n -> n.startsWith("red-heart.svg")), fluent.notes().toString());
        assertTrue(fluent.notes().contains("no CLDR name: not-an-emoji-name.svg"), fluent.notes().toString());

        assertEquals(20, report.trainImages() + report.heldoutImages());
        assertEquals(8, report.trainNames() + report.heldoutNames());
        assertTrue(report.bytes() > 0);
    }

    @Test
    void picturesAreSquareAtTheTrainingSizeOnTheBackground() throws IOException {
        Path out = tmp.resolve("out");
        int background = 0x336699;
        build(out, 24, background, 0.3);
        List<ManifestEntry> manifest = DatasetFiles.readManifest(out);
        Map<String, Integer> shapeColour = Map.of("noto", EmojiPackagesFixture.NOTO_RGB,
                "twemoji", EmojiPackagesFixture.TWEMOJI_RGB, "fluent", EmojiPackagesFixture.FLUENT_RGB);
        for (ManifestEntry e : manifest) {
            BufferedImage image = ImageIO.read(out.resolve(e.file()).toFile());
            assertEquals(24, image.getWidth(), e.file());
            assertEquals(24, image.getHeight(), e.file());
            assertEquals(background, image.getRGB(0, 0) & 0xFFFFFF, e.file() + " corner");
            assertEquals(shapeColour.get(e.style()), image.getRGB(12, 12) & 0xFFFFFF, e.file() + " centre");
        }
        assertTrue(Files.isRegularFile(out.resolve("images/noto/red_apple.png")));
        assertTrue(Files.isRegularFile(out.resolve("images/fluent/smiling_face_with_open_hands.png")));
    }

    @Test
    void manifestRecordsNameCategorySourceAndLicence() throws IOException {
        Path out = tmp.resolve("out");
        build(out, 32, 0xFFFFFF, 0.3);
        ManifestEntry apple = DatasetFiles.readManifest(out).stream()
                .filter(e -> e.caption().equals("red apple, twemoji style")).findFirst().orElseThrow();
        assertEquals("images/twemoji/red_apple.png", apple.file());
        assertEquals("twemoji", apple.style());
        assertEquals("red apple", apple.name());
        assertEquals("Food & Drink", apple.category());
        assertEquals("1f34e", apple.codepoints());
        assertEquals("emoji-datasource-twitter", apple.source());
        assertEquals("16.0.0", apple.sourceVersion());
        assertEquals("CC-BY-4.0", apple.licence());
        assertTrue(Files.readString(out.resolve(DatasetFiles.MANIFEST)).contains("\"source_version\":\"16.0.0\""));

        DatasetInfo info = DatasetFiles.readInfo(out);
        assertEquals(32, info.size());
        assertEquals("#ffffff", info.background());
        assertEquals(List.of("noto", "twemoji", "fluent"), info.sets().stream().map(DatasetInfo.SetInfo::style).toList());
        assertEquals(6, info.sets().get(0).images());
        assertEquals(20, info.trainImages() + info.heldoutImages());
    }

    @Test
    void allStylesOfANameShareASplitAndHeldOutNamesAreNeverTrained() throws IOException {
        Path out = tmp.resolve("out");
        build(out, 32, 0xFFFFFF, 0.5);
        List<ManifestEntry> manifest = DatasetFiles.readManifest(out);
        Map<String, Set<String>> splitsByName = new HashMap<>();
        manifest.forEach(e -> splitsByName.computeIfAbsent(e.name(), n -> new HashSet<>()).add(e.split()));
        splitsByName.forEach((name, splits) -> assertEquals(1, splits.size(), name + " is in " + splits));

        Set<String> train = names(manifest, Split.TRAIN);
        Set<String> heldout = names(manifest, Split.HELDOUT);
        assertFalse(train.isEmpty());
        assertFalse(heldout.isEmpty(), "with half the names held out, some must be");
        assertTrue(train.stream().noneMatch(heldout::contains));
        HeldoutSplit split = new HeldoutSplit(0.5);
        manifest.forEach(e -> assertEquals(split.of(e.name()).id(), e.split(), e.name()));
    }

    @Test
    void rebuildingGivesTheSameManifestAndClearsOldPictures() throws IOException {
        Path out = tmp.resolve("out");
        build(out, 32, 0xFFFFFF, 0.3);
        String first = Files.readString(out.resolve(DatasetFiles.MANIFEST));
        Path stale = out.resolve("images/noto/stale_picture.png");
        Files.writeString(stale, "left from an older build");

        build(out, 32, 0xFFFFFF, 0.3);
        assertEquals(first, Files.readString(out.resolve(DatasetFiles.MANIFEST)));
        assertFalse(Files.exists(stale));
    }

    @Test
    void refusesToClearAFolderItDidNotMake() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("someone-elses"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> build(out, 32, 0xFFFFFF, 0.3));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertTrue(Files.exists(out.resolve("notes.txt")));
    }

    @Test
    void rejectsBadOptionsWithTheOptionName() {
        InvalidRequestException size = assertThrows(InvalidRequestException.class,
                () -> new EmojiDatasetBuilder.Options(tmp, 4, List.of(EmojiSet.NOTO), 0xFFFFFF, 0.05, 1));
        assertTrue(size.getMessage().contains("--size"), size.getMessage());
        InvalidRequestException heldout = assertThrows(InvalidRequestException.class,
                () -> new EmojiDatasetBuilder.Options(tmp, 64, List.of(EmojiSet.NOTO), 0xFFFFFF, 0.9, 1));
        assertTrue(heldout.getMessage().contains("held-out"), heldout.getMessage());
    }

    private static Set<String> names(List<ManifestEntry> manifest, Split split) {
        return manifest.stream().filter(e -> e.splitValue() == split).map(ManifestEntry::name).collect(Collectors.toSet());
    }
}
