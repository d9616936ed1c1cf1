package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.text.WordVocabulary;

class EmojiDatasetTest {
    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void buildFixtureDataset() throws IOException {
        EmojiPackagesFixture fixture = EmojiPackagesFixture.write(tmp.resolve("cache"));
        out = tmp.resolve("dataset");
        var options = new EmojiDatasetBuilder.Options(out, 16, List.of(EmojiSet.values()), 0xFFFFFF, 0.5, 1);
        new EmojiDatasetBuilder(options).build(fixture.packageDirs(), fixture.namesDir(), line -> { });
    }

    @Test
    void samplesAreChannelFirstFloatsInMinusOneToOne() throws IOException {
        EmojiDataset dataset = EmojiDataset.open(out);
        assertEquals(16, dataset.imageSize());
        ManifestEntry apple = dataset.entries().stream()
                .filter(e -> e.caption().equals("red apple, noto style")).findFirst().orElseThrow();
        EmojiDataset.Sample sample = dataset.load(apple);
        assertEquals("red apple, noto style", sample.caption());
        assertEquals(3 * 16 * 16, sample.image().length);
        int plane = 16 * 16;
        // Corner (0,0) is the white background: 1.0 in every channel.
        assertEquals(1f, sample.image()[0]);
        assertEquals(1f, sample.image()[plane]);
        assertEquals(1f, sample.image()[2 * plane]);
        // Centre is the fixture's 0xDD2222 disc: R = 0xDD/127.5 - 1, G = B = 0x22/127.5 - 1.
        int centre = 8 * 16 + 8;
        assertEquals(0xDD / 127.5f - 1f, sample.image()[centre], 1e-6);
        assertEquals(0x22 / 127.5f - 1f, sample.image()[plane + centre], 1e-6);
        assertEquals(0x22 / 127.5f - 1f, sample.image()[2 * plane + centre], 1e-6);
        for (float v : sample.image()) {
            assertTrue(v >= -1f && v <= 1f);
        }
    }

    @Test
    void aFilteredBankHoldsOnlyTheChosenPictures() throws IOException {
        EmojiDataset dataset = EmojiDataset.open(out);
        List<ManifestEntry> train = dataset.entries(Split.TRAIN);
        String name = train.get(0).name();
        long chosen = train.stream().filter(e -> e.name().equals(name)).count();
        assertTrue(chosen < train.size(), "the fixture has other names too");
        studio.train.ImageBank bank = studio.train.ImageBank.load(dataset, Split.TRAIN,
                e -> e.name().equals(name));
        assertEquals(chosen, bank.count());
        for (int i = 0; i < bank.count(); i++) {
            assertTrue(bank.caption(i).startsWith(name + ", "), bank.caption(i));
        }
    }

    @Test
    void splitsPartitionTheEntries() throws IOException {
        EmojiDataset dataset = EmojiDataset.open(out);
        List<ManifestEntry> train = dataset.entries(Split.TRAIN);
        List<ManifestEntry> heldout = dataset.entries(Split.HELDOUT);
        assertEquals(dataset.entries().size(), train.size() + heldout.size());
        assertFalse(train.isEmpty());
        assertFalse(heldout.isEmpty());
        assertTrue(heldout.stream().noneMatch(h -> train.stream().anyMatch(t -> t.name().equals(h.name()))));
    }

    @Test
    void trainVocabularyLeavesHeldOutOnlyWordsUnknown() throws IOException {
        EmojiDataset dataset = EmojiDataset.open(out);
        WordVocabulary trainVocab = dataset.vocabulary(Split.TRAIN);
        WordVocabulary allVocab = dataset.vocabulary(Split.TRAIN, Split.HELDOUT);
        assertTrue(allVocab.size() > trainVocab.size(), "some held-out word should be new");
        for (String style : List.of("noto", "twemoji", "fluent", "style")) {
            assertTrue(trainVocab.id(style) > WordVocabulary.UNK_ID, style);
        }
        for (ManifestEntry e : dataset.entries(Split.TRAIN)) {
            for (int id : trainVocab.encode(e.caption())) {
                assertTrue(id != WordVocabulary.UNK_ID, e.caption());
            }
        }
    }

    @Test
    void missingPictureOrFolderGivesAClearError() throws IOException {
        EmojiDataset dataset = EmojiDataset.open(out);
        ManifestEntry first = dataset.entries().get(0);
        Files.delete(out.resolve(first.file()));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> dataset.load(first));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());

        InvalidRequestException e2 = assertThrows(InvalidRequestException.class,
                () -> EmojiDataset.open(tmp.resolve("nowhere")));
        assertTrue(e2.getMessage().contains("dataset.json"), e2.getMessage());
    }

    @Test
    void contactSheetHasACellPerPicture() throws IOException {
        EmojiDataset dataset = EmojiDataset.open(out);
        Path png = tmp.resolve("sheet.png");
        ContactSheet.write(dataset, ContactSheet.randomEntries(dataset, 10, 1), 4, png);
        var sheet = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(4 * 128, sheet.getWidth());
        int cellHeight = sheet.getHeight() / 3; // ten pictures in rows of four: three rows
        for (int i = 0; i < 12; i++) {
            int corner = sheet.getRGB((i % 4) * 128 + 10, (i / 4) * cellHeight + 10) & 0xFFFFFF;
            if (i < 10) {
                assertEquals(0xFFFFFF, corner, "cell " + i + " shows its picture's white background");
            } else {
                assertEquals(0x303030, corner, "cell " + i + " is empty");
            }
        }
        assertEquals(ContactSheet.randomEntries(dataset, 10, 1), ContactSheet.randomEntries(dataset, 10, 1));
    }
}
