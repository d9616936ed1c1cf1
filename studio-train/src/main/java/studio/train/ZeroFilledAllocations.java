package studio.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Asks glibc's malloc to hand out zero-filled memory for the rest of the process ({@code mallopt(M_PERTURB,
 * 255)}: allocations are filled with {@code 255 ^ 0xff}), before training starts.
 *
 * <p>Why: libtorch 2.7.1's CPU convolution backward reads memory it never wrote, so a gradient turns NaN
 * whenever that memory held NaN bit patterns ({@code ConvBackwardProbeTest}). Dropped steps leave NaN-filled
 * buffers for the allocator to hand out again, so the fault feeds itself: in a two-thread U-Net run the
 * share of dropped steps grew from under 1% to about 75% within 15 minutes. Zeroed allocations stop it, for
 * about 10% more time per step. Generation never runs a backward pass and is left alone. JNA is already on
 * the class path (DJL uses it); elsewhere than glibc this does nothing and says so.
 */
public final class ZeroFilledAllocations {
    private static final int M_PERTURB = -6; // glibc <malloc.h>

    private ZeroFilledAllocations() {
    }

    interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /** Turns zero filling on; returns whether it is in effect. */
    static boolean enable() {
        return mallopt(255);
    }

    /** Turns zero filling on for a training run and says whether it took on {@code out}. */
    static void enableForTraining(java.io.PrintStream out) {
        out.println(enable() ? "allocations zero-filled (keeps libtorch's NaN convolution gradients away)"
                : "allocations not zero-filled (not glibc): expect some steps dropped for NaN gradients");
    }

    /** Turns it off again (for measurements that compare both). */
    static boolean disable() {
        return mallopt(0);
    }

    private static boolean mallopt(int perturbByte) {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            return Native.load("c", LibC.class).mallopt(M_PERTURB, perturbByte) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // not glibc (musl has no mallopt), or no native access
        }
    }
}
