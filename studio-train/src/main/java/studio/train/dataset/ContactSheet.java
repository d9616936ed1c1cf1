package studio.train.dataset;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** A grid of dataset pictures with their captions, for a person to check a build at a glance. */
public final class ContactSheet {
    private static final int CELL = 128;
    private static final int TEXT_LINES = 3;
    private static final int LINE_HEIGHT = 12;

    private ContactSheet() {
    }

    /** {@code count} entries drawn at random (seeded, so the same sheet comes back) from the dataset. */
    public static List<ManifestEntry> randomEntries(EmojiDataset dataset, int count, long seed) {
        List<ManifestEntry> all = new ArrayList<>(dataset.entries());
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, Math.min(count, all.size()));
    }

    /** Writes the pictures, enlarged to 128 px cells, {@code columns} per row, each with its caption. */
    public static void write(EmojiDataset dataset, List<ManifestEntry> entries, int columns, Path png)
            throws IOException {
        int rows = Math.max(1, (entries.size() + columns - 1) / columns);
        int cellHeight = CELL + TEXT_LINES * LINE_HEIGHT + 6;
        BufferedImage sheet = new BufferedImage(columns * CELL, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(0x303030));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < entries.size(); i++) {
                int x = (i % columns) * CELL;
                int y = (i / columns) * cellHeight;
                BufferedImage picture = ImageIO.read(dataset.dir().resolve(entries.get(i).file()).toFile());
                // Nearest neighbour on purpose: the sheet shows the training pixels as they are.
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                g.drawImage(picture, x + 4, y + 4, CELL - 8, CELL - 8, null);
                g.setColor(entries.get(i).splitValue() == Split.HELDOUT ? new Color(0xFFB060) : Color.WHITE);
                List<String> lines = wrap(entries.get(i).caption(), metrics, CELL - 6);
                for (int l = 0; l < Math.min(TEXT_LINES, lines.size()); l++) {
                    g.drawString(lines.get(l), x + 3, y + CELL + LINE_HEIGHT * (l + 1) - 2);
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(sheet, "png", png.toFile());
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
