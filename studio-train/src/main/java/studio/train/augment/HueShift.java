package studio.train.augment;

import java.awt.Color;
import java.util.OptionalDouble;
import studio.train.report.ColourAdherence;

/**
 * Recolours a picture by turning the hue of its coloured pixels, keeping saturation and brightness, so
 * shading and outlines survive. Only pictures of one dominant hue qualify: turning a face's yellow to
 * blue keeps it a face, but a picture of several hues has no single colour word to change.
 * Pictures are (3, H, W) floats in [-1, 1], as in the image bank.
 */
public final class HueShift {
    /** Pixels at least this saturated and bright count as coloured, as {@link ColourAdherence} counts them. */
    static final float SATURATION = 0.35f;
    static final float BRIGHTNESS = 0.25f;
    /** Below this saturation a pixel (white, grey, black outline) keeps its hue: it has none to speak of. */
    static final float TURN_SATURATION = 0.12f;
    /** A qualifying picture has this share of coloured pixels at least... */
    static final double MIN_COLOURED = 0.06;
    /** ...and this share of them within {@link #SPREAD} degrees of their mean hue. */
    static final double MIN_CONCENTRATION = 0.75;
    static final double SPREAD = 30;

    private HueShift() {
    }

    /** The mean hue in degrees of a picture of one dominant hue, or empty when it has none. */
    public static OptionalDouble dominantHue(float[] image, int size) {
        int plane = size * size;
        float[] hsb = new float[3];
        double sx = 0;
        double sy = 0;
        int n = 0;
        float[] hues = new float[plane];
        for (int p = 0; p < plane; p++) {
            toHsb(image, plane, p, hsb);
            if (hsb[1] >= SATURATION && hsb[2] >= BRIGHTNESS) {
                double a = hsb[0] * 2 * Math.PI;
                sx += Math.cos(a);
                sy += Math.sin(a);
                hues[n++] = hsb[0] * 360;
            }
        }
        if (n < plane * MIN_COLOURED) {
            return OptionalDouble.empty();
        }
        double mean = Math.toDegrees(Math.atan2(sy, sx));
        mean = mean < 0 ? mean + 360 : mean;
        int near = 0;
        for (int i = 0; i < n; i++) {
            if (angle(hues[i], mean) <= SPREAD) {
                near++;
            }
        }
        return near >= n * MIN_CONCENTRATION ? OptionalDouble.of(mean) : OptionalDouble.empty();
    }

    /** The colour class nearest to a hue. */
    public static String classOf(double hue) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (var e : ColourAdherence.HUES.entrySet()) {
            double d = angle(hue, e.getValue());
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    /**
     * How far a recoloured pixel's brightness moves towards full for each target class: yellow and
     * orange are light colours, and a dark green turned to yellow's hue reads as olive, not yellow.
     */
    static final java.util.Map<String, Float> LIFT = java.util.Map.of("yellow", 0.7f, "orange", 0.35f);

    /** A copy with every coloured pixel's hue turned by {@code degrees}. */
    public static float[] turned(float[] image, int size, double degrees) {
        return turned(image, size, degrees, 0f);
    }

    /** A copy recoloured to the named class's hue, from a picture whose dominant hue is {@code hue}. */
    public static float[] recoloured(float[] image, int size, double hue, String target) {
        return turned(image, size, turn(hue, ColourAdherence.HUES.get(target)), LIFT.getOrDefault(target, 0f));
    }

    /** As {@link #turned(float[], int, double)}, brightness moved by {@code lift} of the way to full. */
    static float[] turned(float[] image, int size, double degrees, float lift) {
        int plane = size * size;
        float[] out = image.clone();
        float[] hsb = new float[3];
        float turn = (float) (degrees / 360.0);
        for (int p = 0; p < plane; p++) {
            toHsb(image, plane, p, hsb);
            if (hsb[1] < TURN_SATURATION) {
                continue;
            }
            float h = hsb[0] + turn;
            h -= (float) Math.floor(h);
            int rgb = Color.HSBtoRGB(h, hsb[1], hsb[2] + (1f - hsb[2]) * lift);
            out[p] = ((rgb >> 16) & 0xFF) / 127.5f - 1f;
            out[plane + p] = ((rgb >> 8) & 0xFF) / 127.5f - 1f;
            out[2 * plane + p] = (rgb & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    /** The turn in degrees that brings {@code from} onto {@code to}, in (-180, 180]. */
    public static double turn(double from, double to) {
        double d = (to - from) % 360;
        if (d <= -180) {
            d += 360;
        } else if (d > 180) {
            d -= 360;
        }
        return d;
    }

    private static double angle(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }

    private static void toHsb(float[] image, int plane, int p, float[] hsb) {
        Color.RGBtoHSB(byteOf(image[p]), byteOf(image[plane + p]), byteOf(image[2 * plane + p]), hsb);
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }
}
