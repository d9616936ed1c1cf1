package studio.ui.files;

import java.awt.image.BufferedImage;
import studio.engine.image.RgbImage;

/** Converts between the engine's pixels and AWT images for ImageIO. */
public final class AwtImages {
    private AwtImages() {
    }

    public static BufferedImage toBuffered(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        return out;
    }

    public static RgbImage fromBuffered(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = image.getRGB(0, 0, w, h, null, 0, w);
        return new RgbImage(w, h, px);
    }
}
