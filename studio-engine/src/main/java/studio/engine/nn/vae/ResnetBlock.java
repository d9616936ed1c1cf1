package studio.engine.nn.vae;

import ai.djl.ndarray.NDArray;
import studio.engine.nn.Conv2d;
import studio.engine.nn.GroupNorm;
import studio.engine.nn.Intermediates;
import studio.engine.nn.Module;
import studio.engine.nn.Ops;

/** Autoencoder residual block: norm1, conv1, norm2, conv2, nin_shortcut (1×1, when widths differ). */
final class ResnetBlock extends Module {
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d ninShortcut;

    ResnetBlock(int in, int out) {
        norm1 = child("norm1", new GroupNorm(32, in, 1e-6f));
        conv1 = child("conv1", Conv2d.same(in, out, 3));
        norm2 = child("norm2", new GroupNorm(32, out, 1e-6f));
        conv2 = child("conv2", Conv2d.same(out, out, 3));
        ninShortcut = in == out ? null : child("nin_shortcut", Conv2d.same(in, out, 1));
    }

    NDArray forward(NDArray x) {
        // At 512×512 each activation here is 128–256 MiB: each is closed as soon as the next op has
        // read it, and the residual is added in place, so at most three are alive at once.
        return Intermediates.freed(() -> {
            NDArray a = norm1.forwardSilu(x);
            NDArray h = conv1.forward(a);
            a.close();
            a = norm2.forwardSilu(h);
            h.close();
            h = conv2.forward(a);
            a.close();
            if (ninShortcut == null) {
                return Ops.addInPlace(h, x);
            }
            NDArray shortcut = ninShortcut.forward(x);
            return Ops.addInPlace(h, shortcut);
        });
    }
}
