package studio.engine.model;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;
import studio.engine.nn.unet.UNetConfig;

/**
 * The memory a model's largest attention needs at a size, and from it the model's pixel budget. Every
 * self-attention here materialises its score matrix, tokens² floats a head, and the scaling and softmax
 * write copies of it; that grows with the fourth power of the side, so it is what runs out first at
 * sizes a model was not made for (4096×4096 on the 64-pixel built-in model asks for terabytes).
 *
 * <p>Measured on the built-in model (2-step CLI runs, peak resident memory): 256×256 took 1.0 GB and
 * 512×512 4.1 GB, where its VAE attention's 16,384² scores are 1.07 GB each; three copies and the
 * 0.4 GB a 64×64 run takes account for 3.6 GB of it.
 *
 * <p>Counted: the U-Net's SpatialTransformers at each level that has one (cond and uncond share a batch
 * of two under guidance) and the VAE's single-head mid-block attention at latent resolution. Not counted:
 * weights, activations and convolutions, which grow with the area only.
 */
final class AttentionMemory {
    private static final long FLOAT_BYTES = 4;
    /** Scores, scaled scores and softmax exist at once (fitted to the measurement above). */
    private static final long COPIES = 3;
    /** Guidance runs uncond and cond as one batch. */
    private static final long CFG_BATCH = 2;

    /** What a machine that does not say how much memory it has is taken to have. */
    static final long UNKNOWN_MACHINE_BYTES = 8L << 30;

    private final UNetConfig unet;
    private final int vaeFactor;

    AttentionMemory(UNetConfig unet, int vaeFactor) {
        this.unet = unet;
        this.vaeFactor = vaeFactor;
    }

    /** Bytes of the largest attention at {@code width x height} pixels. */
    long bytes(int width, int height) {
        long latentW = Math.max(1, width / vaeFactor);
        long latentH = Math.max(1, height / vaeFactor);
        long vae = scoreBytes(latentW * latentH, 1, 1);
        long largest = vae;
        int ds = 1;
        int[] mult = unet.channelMult();
        for (int level = 0; level < mult.length; level++) {
            if (unet.hasAttentionAt(ds)) {
                long tokens = ceilDiv(latentW, ds) * ceilDiv(latentH, ds);
                largest = Math.max(largest, scoreBytes(tokens, unet.headsFor(mult[level] * unet.modelChannels()), CFG_BATCH));
            }
            ds *= 2;
        }
        return largest;
    }

    /**
     * The most pixels whose attention fits {@code memory} bytes. Found for squares; the scores grow with
     * the square of the area whatever the shape, so any shape of that area needs about as much.
     */
    long maxPixels(long memory) {
        long lo = vaeFactor;
        long hi = 1L << 20;
        while (lo < hi) { // the largest side s with bytes(s, s) <= memory
            long mid = (lo + hi + 1) / 2;
            if (bytes((int) Math.min(mid, Integer.MAX_VALUE), (int) Math.min(mid, Integer.MAX_VALUE)) <= memory) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo * lo;
    }

    /**
     * The memory one request may use: half of the machine's physical memory (the weights, the JVM and
     * everything else need the rest). Read through the platform MBean, which needs only java.management;
     * the jlinked runtime lacks jdk.management and its com.sun.management interface.
     */
    static long requestBudget() {
        return machineBytes() / 2;
    }

    static long machineBytes() {
        try {
            ObjectName os = new ObjectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME);
            for (String attribute : new String[] {"TotalMemorySize", "TotalPhysicalMemorySize"}) {
                try {
                    Object value = ManagementFactory.getPlatformMBeanServer().getAttribute(os, attribute);
                    if (value instanceof Long bytes && bytes > 0) {
                        return bytes;
                    }
                } catch (JMException e) {
                    // not this attribute on this JVM; try the next
                }
            }
        } catch (JMException | RuntimeException e) {
            // no operating system bean: assume a modest machine below
        }
        return UNKNOWN_MACHINE_BYTES;
    }

    /** Why a model's pixel budget is what it is, for the refusal: "... more than half of this machine's 23 GB". */
    String budgetReason(long memory) {
        return "larger pictures need more memory for this model's attention than a request may use ("
                + gigabytes(memory) + " GB, half of this machine's memory)";
    }

    static String gigabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }

    private static long scoreBytes(long tokens, long heads, long batch) {
        // Saturates instead of overflowing: a request this large is refused either way.
        double bytes = (double) tokens * tokens * heads * batch * FLOAT_BYTES * COPIES;
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
