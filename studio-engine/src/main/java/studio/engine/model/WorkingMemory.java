package studio.engine.model;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;
import studio.engine.nn.unet.UNetConfig;

/**
 * The working memory a request needs at a size, beyond the weights, and from it the model's pixel
 * budget. Attention runs as flash attention (no tokens² score matrix) and the autoencoder decodes
 * latents above 64×64 in tiles, so what a request holds grows with its area: the U-Net's activations
 * and skip connections, and one autoencoder tile.
 *
 * <p>Fitted to SD 1.5 at 512×512 ({@code studio bench --case sd15-512}): the U-Net's guided steps
 * raised peak resident memory 1.22 GB above the loaded weights — about {@value #UNET_FLOATS} floats
 * per latent pixel and base channel — and the VAE decode 0.43–0.54 GB, about {@value #VAE_FLOATS}
 * floats per pixel and autoencoder base channel.
 *
 * <p>SDXL's U-Net has no attention at its top level, where SD 1.5's transformer (4096 tokens at 512×512,
 * a 2560-wide GEGLU) is the largest holder: {@code studio bench --case sdxl-1024} (bf16 weights) rose
 * 0.91 GB above the loaded weights over its guided steps at 128×128 latents, about 47 floats per latent
 * pixel and base channel; {@value #SDXL_UNET_FLOATS} leaves a margin. Unmeasured layouts keep SD 1.5's figure.
 */
final class WorkingMemory {
    private static final long FLOAT_BYTES = 4;
    /** U-Net activations per latent pixel per base channel, guidance's batch of two included. */
    static final long UNET_FLOATS = 240;
    /** The same for SDXL-style U-Nets (label_emb, see the class comment). */
    static final long SDXL_UNET_FLOATS = 60;
    /** Autoencoder activations per image pixel per base channel. */
    static final long VAE_FLOATS = 4;
    /** Above this many latent pixels a side the decode is tiled (see AutoencoderKL.decode). */
    private static final long VAE_TILE = 64;

    /** What a machine that does not say how much memory it has is taken to have. */
    static final long UNKNOWN_MACHINE_BYTES = 8L << 30;

    private final UNetConfig unet;
    private final int vaeFactor;
    private final int vaeChannels;

    WorkingMemory(UNetConfig unet, int vaeFactor, int vaeChannels) {
        this.unet = unet;
        this.vaeFactor = vaeFactor;
        this.vaeChannels = vaeChannels;
    }

    /** Bytes a request at {@code width x height} pixels needs beyond the weights. */
    long bytes(int width, int height) {
        double latentW = Math.max(1, width / vaeFactor);
        double latentH = Math.max(1, height / vaeFactor);
        long floats = unet.admInChannels() > 0 ? SDXL_UNET_FLOATS : UNET_FLOATS;
        double unetBytes = latentW * latentH * unet.modelChannels() * floats * FLOAT_BYTES;
        double tileW = Math.min(latentW, VAE_TILE) * vaeFactor;
        double tileH = Math.min(latentH, VAE_TILE) * vaeFactor;
        double vaeBytes = tileW * tileH * vaeChannels * VAE_FLOATS * FLOAT_BYTES;
        double total = unetBytes + vaeBytes;
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total; // saturates: refused either way
    }

    /** The most pixels (of a square) whose working memory fits {@code memory} bytes. */
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
        return "larger pictures need more working memory for this model than a request may use ("
                + gigabytes(memory) + " GB, half of this machine's memory)";
    }

    static String gigabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }
}
