package studio.engine.pipeline;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import studio.engine.model.ControlNet;
import studio.engine.model.DiffusionModel;

/**
 * How many threads libtorch may use for one request's ops, chosen by the size of the work.
 *
 * <p>Why: on small work a second thread costs more than it brings. Each parallel op wakes a sleeping
 * OpenMP worker and waits for it (the studio makes workers sleep, see the app's NativeEnvironment), and
 * the built-in model's ops are tiny: a 64-channel 3×3 convolution at 16×16 ran in 0.85 ms on one thread and
 * 0.74–1.0 ms on two, a 128-wide linear layer in 0.09 ms on one and 0.14–0.19 ms on two. Measured on
 * whole live requests (an 8-step inpainting of a brush stroke, image saved; medians of 12–20):
 * the built-in model at 64×64 took 516–544 ms on one thread against 529–687 ms on two (three alternating
 * pairs), the small random {@code default-64} bench model 224 ms against 297 ms, while {@code sd-256}
 * (SD 1.x layout at a tenth of its width, 256×256) took 4,094 ms on one thread against 3,298 ms on two.
 * A single thread also leaves the other core to the window, which repaints while the engine works.
 *
 * <p>The work is measured as U-Net (and ControlNet) weights × latent positions, a proxy for a step's
 * multiply-adds: about 1.7·10⁹ for the built-in model at 64×64, 10¹⁰ for {@code sd-256}, 3.5·10¹² for
 * SD 1.5 at 512×512. The cut lies between the first two.
 */
public final class IntraOpThreads {
    /** Below this much work (weights × latent positions) a request runs its ops on one thread. */
    static final double ONE_THREAD_BELOW = 4e9;

    /** libtorch's count on each thread before this class changed it: the user's or the machine's. */
    private static final ThreadLocal<Integer> AVAILABLE = ThreadLocal.withInitial(JniUtils::getNumThreads);

    private IntraOpThreads() {
    }

    /** The thread count for a request of this size on this model, at most {@code available}. */
    static int forWork(double work, int available) {
        return work < ONE_THREAD_BELOW ? 1 : available;
    }

    /** A step's work as this class measures it. */
    static double work(DiffusionModel model, List<ControlNet> nets, int width, int height) {
        long weights = model.unet().parameterCount();
        for (ControlNet net : nets) {
            weights += net.net().parameterCount();
        }
        double positions = (double) (width / model.vaeFactor()) * (height / model.vaeFactor());
        return weights * positions;
    }

    /**
     * Sets the calling thread's libtorch thread count for this request (libtorch's setting is per
     * thread; the engine runs every request on its one thread). Only a change is passed on, since
     * libtorch rebuilds a thread pool when the count changes.
     */
    static void setFor(DiffusionModel model, List<ControlNet> nets, int width, int height) {
        int wanted = forWork(work(model, nets, width, height), AVAILABLE.get());
        if (JniUtils.getNumThreads() != wanted) {
            JniUtils.setNumThreads(wanted);
        }
    }
}
