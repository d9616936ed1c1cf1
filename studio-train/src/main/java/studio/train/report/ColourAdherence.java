package studio.train.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.engine.image.RgbImage;

/**
 * A measurable prompt-adherence score for colour words: the dominant hue of a picture's coloured
 * pixels (saturation and brightness above thresholds, so the white background and dark outlines do
 * not count), classified to the nearest named hue. A prompt "blue heart" scores when its picture
 * classifies as blue; chance level is one over the number of colours.
 */
public final class ColourAdherence {
    /** Named hues in degrees (HSB hue × 360). */
    public static final Map<String, Float> HUES = hues();

    private ColourAdherence() {
    }

    private static Map<String, Float> hues() {
        Map<String, Float> m = new LinkedHashMap<>();
        m.put("red", 0f);
        m.put("orange", 30f);
        m.put("yellow", 55f);
        m.put("green", 120f);
        m.put("blue", 220f);
        m.put("purple", 280f);
        return m;
    }

    /**
     * The circular mean hue (degrees) of pixels with saturation ≥ 0.35 and brightness ≥ 0.25, or NaN
     * when fewer than 2% of the pixels are coloured.
     */
    public static float dominantHue(RgbImage image) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        float[] hsb = new float[3];
        for (int p : image.pixels()) {
            Color.RGBtoHSB((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, hsb);
            if (hsb[1] >= 0.35f && hsb[2] >= 0.25f) {
                double a = hsb[0] * 2 * Math.PI;
                sx += Math.cos(a);
                sy += Math.sin(a);
                n++;
            }
        }
        if (n < image.pixels().length * 0.02) {
            return Float.NaN;
        }
        double deg = Math.toDegrees(Math.atan2(sy, sx));
        return (float) (deg < 0 ? deg + 360 : deg);
    }

    /** The colour name whose hue is nearest, or "none" for a colourless picture. */
    public static String classify(RgbImage image) {
        float hue = dominantHue(image);
        if (Float.isNaN(hue)) {
            return "none";
        }
        String best = "none";
        float bestDistance = Float.MAX_VALUE;
        for (Map.Entry<String, Float> e : HUES.entrySet()) {
            float d = Math.abs(hue - e.getValue());
            d = Math.min(d, 360 - d);
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    /** Share of pictures classified as the colour their prompt named. */
    public static double accuracy(List<String> namedColours, List<RgbImage> images) {
        int hits = 0;
        for (int i = 0; i < images.size(); i++) {
            if (classify(images.get(i)).equals(namedColours.get(i))) {
                hits++;
            }
        }
        return images.isEmpty() ? 0 : (double) hits / images.size();
    }
}
