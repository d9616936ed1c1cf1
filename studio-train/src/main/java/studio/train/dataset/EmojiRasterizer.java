package studio.train.dataset;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/**
 * Draws one emoji as an opaque square training picture: the PNG (or the SVG rendered with JSVG) is
 * composited over a flat background colour and shrunk to the training size with {@link AreaResize}.
 * SVGs are drawn at {@value #SVG_SUPERSAMPLE}x the target size first, so their edges get the same
 * area-averaged antialiasing as the downscaled PNGs of the other sets.
 */
public final class EmojiRasterizer {
    static final int SVG_SUPERSAMPLE = 4;
    /**
     * JSVG logs every unparsable file as a WARNING with a stack trace; the build already counts and lists
     * such files, so only its SEVERE messages get through. Held in a field: JUL keeps loggers weakly.
     */
    private static final Logger JSVG_LOG = Logger.getLogger("com.github.weisj.jsvg");

    static {
        JSVG_LOG.setLevel(Level.SEVERE);
    }

    private final int size;
    private final int backgroundRgb;

    public EmojiRasterizer(int size, int backgroundRgb) {
        if (size < 8) {
            throw new IllegalArgumentException("training size must be at least 8 px, got " + size);
        }
        this.size = size;
        this.backgroundRgb = backgroundRgb & 0xFFFFFF;
    }

    /**
     * @return a size x size TYPE_INT_RGB image
     * @throws IOException when the file cannot be decoded, or decodes to nothing but background
     */
    public BufferedImage render(Path file) throws IOException {
        boolean svg = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg");
        BufferedImage composed = svg ? renderSvg(file, size * SVG_SUPERSAMPLE) : composePng(file);
        if (isBlank(composed)) {
            throw new IOException(file + " draws nothing but background");
        }
        return AreaResize.resize(composed, size, size);
    }

    private BufferedImage composePng(Path file) throws IOException {
        BufferedImage png = ImageIO.read(file.toFile());
        if (png == null) {
            throw new IOException(file + " is not an image ImageIO can read");
        }
        BufferedImage canvas = backgroundCanvas(png.getWidth(), png.getHeight());
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(png, 0, 0, null); // SrcOver: the PNG's alpha blends onto the background
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private BufferedImage renderSvg(Path file, int pixels) throws IOException {
        SVGDocument document;
        try {
            document = new SVGLoader().load(file.toUri().toURL());
        } catch (RuntimeException e) {
            throw new IOException(file + " could not be parsed as SVG: " + e, e);
        }
        if (document == null) {
            throw new IOException(file + " could not be parsed as SVG");
        }
        BufferedImage canvas = backgroundCanvas(pixels, pixels);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            document.render(null, g, new ViewBox(0, 0, pixels, pixels));
        } catch (RuntimeException e) {
            throw new IOException(file + " could not be rendered: " + e, e);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private BufferedImage backgroundCanvas(int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(new Color(backgroundRgb));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private boolean isBlank(BufferedImage image) {
        int[] px = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int p : px) {
            if ((p & 0xFFFFFF) != backgroundRgb) {
                return false;
            }
        }
        return true;
    }
}
