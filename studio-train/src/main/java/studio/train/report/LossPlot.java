package studio.train.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A loss curve from a training CSV (step in the first column) drawn with Java2D: one small chart,
 * log-scaled y, enough for a model card. Written by hand because no charting library is otherwise
 * needed by the project, and a plot of one series is forty lines.
 */
public final class LossPlot {
    private LossPlot() {
    }

    public static void write(Path csv, String column, String title, Path png) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        int col = List.of(header).indexOf(column);
        if (col < 0) {
            throw new IllegalArgumentException(csv + " has no column '" + column + "'");
        }
        List<double[]> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double v = Double.parseDouble(f[col]);
            if (Double.isFinite(v) && v > 0) {
                points.add(new double[] {Double.parseDouble(f[0]), Math.log10(v)});
            }
        }
        int w = 640;
        int h = 360;
        int pad = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double maxX = points.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double minY = points.stream().mapToDouble(p -> p[1]).min().orElse(0);
        double maxY = points.stream().mapToDouble(p -> p[1]).max().orElse(1);
        if (maxY - minY < 1e-6) {
            maxY = minY + 1;
        }
        g.setColor(Color.GRAY);
        g.drawRect(pad, pad / 2, w - pad - pad / 2, h - pad - pad / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, maxY)), 4, pad / 2 + 10);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, minY)), 4, h - pad);
        g.drawString("step " + (long) maxX, w - pad - 40, h - pad / 2 + 14);
        g.drawString(title + " (" + column + ", log scale)", pad + 6, pad / 2 + 16);
        g.setColor(new Color(0x2060C0));
        g.setStroke(new BasicStroke(1.5f));
        int plotW = w - pad - pad / 2;
        int plotH = h - pad - pad / 2;
        int[] prev = null;
        for (double[] p : points) {
            int x = pad + (int) (p[0] / maxX * plotW);
            int y = pad / 2 + (int) ((maxY - p[1]) / (maxY - minY) * plotH);
            if (prev != null) {
                g.drawLine(prev[0], prev[1], x, y);
            }
            prev = new int[] {x, y};
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }
}
