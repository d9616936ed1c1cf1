package studio.engine.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.util.Arrays;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/** Conversions between the engine's image types and AWT, and good-quality resizing and cropping. */
public final class Images {
    private Images() {
    }

    /**
     * A copy of the image: {@code TYPE_INT_RGB} when every pixel is opaque (engine output),
     * {@code TYPE_INT_ARGB} when some are not (a studio canvas with empty areas), so PNGs keep them.
     */
    public static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(),
                image.isOpaque() ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        return out;
    }

    /** The image's colours with alpha dropped (every pixel opaque, whatever its transparency was). */
    public static RgbImage toRgbImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = new int[w * h];
        if (isGray(image)) {
            float[] gray = graySamples(image);
            for (int i = 0; i < argb.length; i++) {
                int g = Math.round(gray[i] * 255f);
                argb[i] = 0xFF00_0000 | g << 16 | g << 8 | g;
            }
        } else {
            image.getRGB(0, 0, w, h, argb, 0, w);
            for (int i = 0; i < argb.length; i++) {
                argb[i] |= 0xFF00_0000;
            }
        }
        return new RgbImage(w, h, argb);
    }

    /**
     * The image's colours with its alpha kept (0xAARRGGBB, not premultiplied; opaque when the image
     * has no alpha), for callers to whom a transparent pixel means "nothing here".
     */
    public static RgbImage toArgbImage(BufferedImage image) {
        RgbImage colours = toRgbImage(image);
        if (!image.getColorModel().hasAlpha()) {
            return colours;
        }
        int[] px = colours.pixels();
        if (isGray(image)) {
            float[] alpha = alphaSamples(image);
            for (int i = 0; i < px.length; i++) {
                px[i] = px[i] & 0x00FF_FFFF | Math.round(alpha[i] * 255f) << 24;
            }
        } else {
            int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            for (int i = 0; i < px.length; i++) {
                px[i] = px[i] & 0x00FF_FFFF | argb[i] & 0xFF00_0000;
            }
        }
        return new RgbImage(image.getWidth(), image.getHeight(), px);
    }

    /**
     * A mask from an image: luminance (white = 1, black = 0) times alpha, so transparent pixels mean
     * "keep" whatever colour they hide.
     */
    public static GrayImage toGrayImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] values = new float[w * h];
        if (isGray(image)) {
            float[] gray = graySamples(image);
            float[] alpha = alphaSamples(image);
            for (int i = 0; i < values.length; i++) {
                values[i] = gray[i] * alpha[i];
            }
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < values.length; i++) {
                int p = argb[i];
                float luminance = (0.299f * (p >> 16 & 0xFF) + 0.587f * (p >> 8 & 0xFF) + 0.114f * (p & 0xFF)) / 255f;
                values[i] = Math.min(1f, luminance) * ((p >>> 24) / 255f);
            }
        }
        return new GrayImage(w, h, values);
    }

    /** Resized with a bicubic filter widened when shrinking (area-weighted, so no aliasing). */
    public static RgbImage resize(RgbImage image, int width, int height) {
        checkSize(width, height);
        if (image.width() == width && image.height() == height) {
            return image;
        }
        int[] px = image.pixels();
        float[][] planes = new float[3][px.length];
        for (int i = 0; i < px.length; i++) {
            planes[0][i] = px[i] >> 16 & 0xFF;
            planes[1][i] = px[i] >> 8 & 0xFF;
            planes[2][i] = px[i] & 0xFF;
        }
        int[] out = new int[width * height];
        float[][] resized = new float[3][];
        for (int c = 0; c < 3; c++) {
            resized[c] = Resampling.resize(planes[c], image.width(), image.height(), width, height, 0f, 255f);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xFF00_0000 | to8Bit(resized[0][i]) << 16 | to8Bit(resized[1][i]) << 8 | to8Bit(resized[2][i]);
        }
        return new RgbImage(width, height, out);
    }

    /** A mask resized like {@link #resize(RgbImage, int, int)}, values kept in [0, 1]. */
    public static GrayImage resize(GrayImage mask, int width, int height) {
        checkSize(width, height);
        if (mask.width() == width && mask.height() == height) {
            return mask;
        }
        float[] out = Resampling.resize(mask.values(), mask.width(), mask.height(), width, height, 0f, 1f);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, out[i]));
        }
        return new GrayImage(width, height, out);
    }

    /**
     * Scales the image to cover {@code width x height} and crops the overflow equally from both
     * sides: the centred largest region with the target's aspect ratio, resized to fit exactly.
     */
    public static RgbImage coverCrop(RgbImage image, int width, int height) {
        checkSize(width, height);
        int w = image.width();
        int h = image.height();
        int cropW = w;
        int cropH = h;
        if ((long) w * height > (long) h * width) {
            cropW = (int) Math.max(1, Math.round((double) h * width / height)); // too wide: trim the sides
        } else {
            cropH = (int) Math.max(1, Math.round((double) w * height / width)); // too tall: trim top and bottom
        }
        RgbImage cropped = image.crop((w - cropW) / 2, (h - cropH) / 2, cropW, cropH);
        return resize(cropped, width, height);
    }

    private static boolean isGray(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        int bands = image.getRaster().getNumBands();
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && (bands == 1 || bands == 2);
    }

    /**
     * Gray samples scaled to [0, 1] straight from the raster. getRGB would run them through Java's
     * linear-gray colour space and brighten mid-greys (128 reads as 188), which would corrupt masks.
     */
    private static float[] graySamples(BufferedImage image) {
        return bandSamples(image, 0);
    }

    private static float[] alphaSamples(BufferedImage image) {
        if (image.getRaster().getNumBands() < 2) {
            float[] opaque = new float[image.getWidth() * image.getHeight()];
            Arrays.fill(opaque, 1f);
            return opaque;
        }
        return bandSamples(image, 1);
    }

    private static float[] bandSamples(BufferedImage image, int band) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bits = image.getColorModel().getComponentSize(band);
        float max = (float) ((1L << bits) - 1);
        int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, band, (int[]) null);
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] / max;
        }
        return out;
    }

    private static int to8Bit(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
    }
}
