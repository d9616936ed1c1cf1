package studio.engine.edit;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import studio.engine.image.RgbImage;

/**
 * Image resizing for edits: cover-and-centre-crop of init images to the requested size, and scaling
 * of "only masked" crops to and from the model's size. Uses Java2D's bicubic interpolation with
 * progressive halving when shrinking by more than 2× (plain bicubic aliases badly there).
 */
public final class Resample {
    private Resample() {
    }

    public static RgbImage resize(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        BufferedImage current = toBuffered(image);
        int w = image.width();
        int h = image.height();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = scale(current, w, h);
        }
        return fromBuffered(scale(current, width, height));
    }

    /** Scales to cover the target size, then crops the centre (the image's aspect ratio is kept). */
    public static RgbImage coverCrop(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        double scale = Math.max((double) width / image.width(), (double) height / image.height());
        int sw = Math.max(width, (int) Math.round(image.width() * scale));
        int sh = Math.max(height, (int) Math.round(image.height() * scale));
        RgbImage scaled = resize(image, sw, sh);
        return Composite.crop(scaled, new Box((sw - width) / 2, (sh - height) / 2, width, height));
    }

    private static BufferedImage scale(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage toBuffered(RgbImage image) {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        return b;
    }

    private static RgbImage fromBuffered(BufferedImage b) {
        int[] px = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
        for (int i = 0; i < px.length; i++) {
            px[i] |= 0xFF000000;
        }
        return new RgbImage(b.getWidth(), b.getHeight(), px);
    }
}
