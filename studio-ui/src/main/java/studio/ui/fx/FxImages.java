package studio.ui.fx;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import studio.engine.image.RgbImage;

/** Converts the engine's pixels to JavaFX images and back, at the edge of the view. */
public final class FxImages {
    private FxImages() {
    }

    public static WritableImage toFx(RgbImage image) {
        WritableImage out = new WritableImage(image.width(), image.height());
        out.getPixelWriter().setPixels(0, 0, image.width(), image.height(),
                PixelFormat.getIntArgbInstance(), image.pixels(), 0, image.width());
        return out;
    }

    public static RgbImage fromFx(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] px = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        return new RgbImage(w, h, px);
    }

    /** A box-filtered copy whose longer side is at most {@code maxSide} (history thumbnails). */
    public static WritableImage thumbnail(RgbImage image, int maxSide) {
        int w = image.width();
        int h = image.height();
        int factor = Math.max(1, (int) Math.ceil(Math.max(w, h) / (double) maxSide));
        int tw = Math.max(1, w / factor);
        int th = Math.max(1, h / factor);
        int[] src = image.pixels();
        int[] dst = new int[tw * th];
        for (int ty = 0; ty < th; ty++) {
            for (int tx = 0; tx < tw; tx++) {
                int r = 0, g = 0, b = 0, n = 0;
                for (int y = ty * factor; y < Math.min(h, (ty + 1) * factor); y++) {
                    for (int x = tx * factor; x < Math.min(w, (tx + 1) * factor); x++) {
                        int p = src[y * w + x];
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                        n++;
                    }
                }
                dst[ty * tw + tx] = 0xFF000000 | (r / n) << 16 | (g / n) << 8 | (b / n);
            }
        }
        WritableImage out = new WritableImage(tw, th);
        out.getPixelWriter().setPixels(0, 0, tw, th, PixelFormat.getIntArgbInstance(), dst, 0, tw);
        return out;
    }
}
