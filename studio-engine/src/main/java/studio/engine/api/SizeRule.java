package studio.engine.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Which image sides a model can make: multiples of its VAE's factor, so that a side maps to a whole
 * number of latents (4 on the default model, 8 on SD). The U-Net's levels add no rule of their own:
 * its upsampling meets each skip connection at the skip's size (see {@code nn.unet.Upsample}), as
 * diffusers' does, so a latent side need not divide by 2^(levels−1).
 *
 * <p>A model also has a pixel budget: the most pixels a request may have before the model's attention
 * needs more memory than the machine can give it (see {@code model.WorkingMemory}).
 *
 * @param multiple     every side must divide by this
 * @param reason       where the multiple comes from, in words ("VAE factor 8"), or empty when no model
 *                     is known yet
 * @param maxPixels    the pixel budget: width × height may not exceed it
 * @param budgetReason why the budget is what it is, in words, or empty for the general limit
 */
public record SizeRule(int multiple, String reason, long maxPixels, String budgetReason) {

    /** What holds before the model is known: a multiple of the VAE factor of every supported model. */
    public static final SizeRule ANY_MODEL = new SizeRule(GenerationRequest.SIZE_MULTIPLE, "");

    public SizeRule {
        if (multiple < 1) {
            throw new IllegalArgumentException("size multiple must be positive, got " + multiple);
        }
        reason = reason == null ? "" : reason;
        maxPixels = Math.min(maxPixels, GenerationRequest.MAX_PIXELS);
        budgetReason = budgetReason == null ? "" : budgetReason;
    }

    /** A rule with the general pixel limit. */
    public SizeRule(int multiple, String reason) {
        this(multiple, reason, GenerationRequest.MAX_PIXELS, "");
    }

    /** This rule as a named model's ("SDXL"): its messages say whose rule they apply. */
    public SizeRule ofModel(String model) {
        String named = reason.isEmpty() ? model : model + ", " + reason;
        return new SizeRule(multiple, named, maxPixels, budgetReason);
    }

    /** This rule with a model's pixel budget, and the reason for it in words. */
    public SizeRule withPixelBudget(long pixels, String why) {
        return new SizeRule(multiple, reason, pixels, why);
    }

    /**
     * The rule of a model whose VAE maps {@code vaeFactor} pixels to one latent, on top of the general
     * multiple of {@value GenerationRequest#SIZE_MULTIPLE}; that general rule alone for the factors
     * of every supported model (2, 4, 8).
     */
    public static SizeRule of(int vaeFactor) {
        int general = GenerationRequest.SIZE_MULTIPLE;
        int multiple = vaeFactor / gcd(vaeFactor, general) * general;
        return multiple == general ? ANY_MODEL : new SizeRule(multiple, "VAE factor " + vaeFactor);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * One message per side that breaks the rule, naming the nearest valid values, and one when the
     * area is over the pixel budget; empty when the size is fine.
     */
    public List<String> problems(int width, int height) {
        List<String> p = new ArrayList<>();
        check(p, "width", width);
        check(p, "height", height);
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            long side = (long) Math.sqrt((double) maxPixels) / multiple * multiple;
            p.add(width + "x" + height + " is " + String.format(java.util.Locale.ROOT, "%,d", pixels)
                    + " pixels, over " + (budgetReason.isEmpty() ? "the limit of " : "this model's budget of ")
                    + String.format(java.util.Locale.ROOT, "%,d", maxPixels) + " (about " + side + "x" + side
                    + (budgetReason.isEmpty() ? ")" : "): " + budgetReason) + "; make it smaller");
        }
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
