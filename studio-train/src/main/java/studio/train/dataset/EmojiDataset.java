package studio.train.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import studio.engine.api.InvalidRequestException;
import studio.engine.text.WordVocabulary;

/**
 * A built emoji dataset as training reads it: the manifest's entries by split, each loadable as a
 * channel-first float image in [-1, 1] with its caption. Pictures are read on demand, so a 5,000-picture
 * set costs no memory until a batch asks for it.
 */
public final class EmojiDataset {
    private final Path dir;
    private final DatasetInfo info;
    private final List<ManifestEntry> entries;

    private EmojiDataset(Path dir, DatasetInfo info, List<ManifestEntry> entries) {
        this.dir = dir;
        this.info = info;
        this.entries = List.copyOf(entries);
    }

    /** Opens a folder written by {@link EmojiDatasetBuilder}. */
    public static EmojiDataset open(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        return new EmojiDataset(d, DatasetFiles.readInfo(d), DatasetFiles.readManifest(d));
    }

    /** A picture with its caption: {@code image} is [3][size][size] flattened (C, H, W), values in [-1, 1]. */
    public record Sample(float[] image, String caption, ManifestEntry entry) {
    }

    public Path dir() {
        return dir;
    }

    public DatasetInfo info() {
        return info;
    }

    /** Width and height of every picture. */
    public int imageSize() {
        return info.size();
    }

    public List<ManifestEntry> entries() {
        return entries;
    }

    public List<ManifestEntry> entries(Split split) {
        return entries.stream().filter(e -> e.splitValue() == split).toList();
    }

    /** Reads one picture: RGB channels scaled from 0..255 to -1..1 (x / 127.5 - 1), as the VAE expects. */
    public Sample load(ManifestEntry entry) throws IOException {
        Path file = dir.resolve(entry.file());
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("dataset picture " + file + " listed in " + DatasetFiles.MANIFEST
                    + " is missing; rebuild the dataset");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        int size = info.size();
        if (image == null || image.getWidth() != size || image.getHeight() != size) {
            throw new InvalidRequestException("dataset picture " + file + " is not a " + size + "x" + size
                    + " image as " + DatasetFiles.INFO + " says; rebuild the dataset");
        }
        int[] argb = image.getRGB(0, 0, size, size, null, 0, size);
        int plane = size * size;
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            chw[i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
            chw[plane + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
            chw[2 * plane + i] = (p & 0xFF) / 127.5f - 1f;
        }
        return new Sample(chw, entry.caption(), entry);
    }

    /**
     * The word vocabulary of the captions in the given splits. Training builds it from {@link Split#TRAIN}
     * only, so a held-out name's new words map to {@code <unk>} as they would for any unseen prompt.
     */
    public WordVocabulary vocabulary(Split... splits) {
        List<Split> wanted = Arrays.asList(splits);
        return WordVocabulary.fromTexts(entries.stream()
                .filter(e -> wanted.contains(e.splitValue()))
                .map(ManifestEntry::caption)
                .toList());
    }
}
