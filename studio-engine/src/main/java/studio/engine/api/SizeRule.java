package studio.engine.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Which image sides a model can make. The VAE shrinks each side by its factor, and the U-Net halves
 * the latent once per level below the first and doubles it back, concatenating each level's input
 * with its output: unless the latent side divides by 2^(levels−1) those shapes no longer match.
 * So a side must be a multiple of {@code vaeFactor · 2^(levels−1)}: 16 on the default model, 64
 * on SD 1.x/2.x.
 *
 * @param multiple every side must divide by this
 * @param reason   where the multiple comes from, in words ("VAE factor 8 x 2^1 for the U-Net's 1
 *                 downsampling"), or empty when no model is known yet
 */
public record SizeRule(int multiple, String reason) {

    /** What holds before the model is known: a multiple of the VAE factor of every supported model. */
    public static final SizeRule ANY_MODEL = new SizeRule(GenerationRequest.SIZE_MULTIPLE, "");

    public SizeRule {
        if (multiple < 1) {
            throw new IllegalArgumentException("size multiple must be positive, got " + multiple);
        }
        reason = reason == null ? "" : reason;
    }

    /**
     * @param vaeFactor  pixels per latent along a side
     * @param unetLevels the U-Net's resolution levels (entries of its channel multipliers)
     */
    public static SizeRule of(int vaeFactor, int unetLevels) {
        int downsamplings = unetLevels - 1;
        return new SizeRule(vaeFactor << downsamplings, "VAE factor " + vaeFactor + " x 2^" + downsamplings
                + " for the U-Net's " + downsamplings + " downsampling" + (downsamplings == 1 ? "" : "s"));
    }

    /** One message per side that breaks the rule, naming the nearest valid values; empty when both are fine. */
    public List<String> problems(int width, int height) {
        List<String> p = new ArrayList<>();
        check(p, "width", width);
        check(p, "height", height);
        return p;
    }

    private void check(List<String> p, String side, int value) {
        if (value < GenerationRequest.SIZE_MULTIPLE || value > GenerationRequest.MAX_SIDE) {
            p.add(side + " must be between " + GenerationRequest.SIZE_MULTIPLE + " and " + GenerationRequest.MAX_SIDE
                    + " pixels, got " + value);
        } else if (value % multiple != 0) {
            p.add(side + " must be a multiple of " + multiple + (reason.isEmpty() ? "" : " for this model (" + reason + ")")
                    + ", got " + value + "; try " + nearest(value));
        }
    }

    /** The valid values either side of a side length, "16 or 32" (or just the least valid one). */
    String nearest(int value) {
        int lower = value / multiple * multiple;
        int upper = lower + multiple;
        if (lower < multiple) {
            return Integer.toString(upper);
        }
        return upper > GenerationRequest.MAX_SIDE ? Integer.toString(lower) : lower + " or " + upper;
    }
}
