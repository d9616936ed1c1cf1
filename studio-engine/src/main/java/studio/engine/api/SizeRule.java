package studio.engine.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Which image sides a model can make: multiples of its VAE's factor, so that a side maps to a whole
 * number of latents (4 on the default model, 8 on SD). The U-Net's levels add no rule of their own:
 * its upsampling meets each skip connection at the skip's size (see {@code nn.unet.Upsample}), as
 * diffusers' does, so a latent side need not divide by 2^(levels−1).
 *
 * @param multiple every side must divide by this
 * @param reason   where the multiple comes from, in words ("VAE factor 8"), or empty when no model
 *                 is known yet
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
