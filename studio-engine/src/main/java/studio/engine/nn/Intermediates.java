package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Frees a block's intermediates when the block returns, not when the step or request ends.
 *
 * <p>Why: at 512×512 a U-Net pass makes a few thousand temporaries of up to 80 MB each; held to the
 * end of the step they are most of the peak resident memory, and libtorch's allocator returns large
 * freed buffers to the system, so every step faulted them in afresh. Freed as soon as the next block
 * has consumed them, the working set stays at a few blocks' worth and is reused.
 */
public final class Intermediates {
    private Intermediates() {
    }

    /** Runs the body in its own scope; every array it creates except the result is closed on return. */
    public static NDArray freed(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out); // back into the caller's scope, if it has one
        return out;
    }
}
