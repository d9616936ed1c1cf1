package studio.engine.io;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Releases a file mapping now instead of when the garbage collector gets to its buffer.
 *
 * <p>Why: a checkpoint is read by mapping one tensor at a time. The JDK unmaps a
 * {@code MappedByteBuffer} only when it is collected, and loading makes little heap garbage, so every
 * mapping of a 2–7 GB checkpoint stayed in the process's resident set (as page cache) until long after
 * its tensor was copied into libtorch: SD 1.5 peaked 2 GB higher during loading than after. The JDK
 * has no public unmap; {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported) is the supported
 * way to do it early. Where it is unavailable the mapping is left to the collector, as before.
 */
final class Unmapper {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            cleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private Unmapper() {
    }

    /** Unmaps a direct buffer that maps a file; the buffer must not be used afterwards. */
    static void unmap(ByteBuffer mapped) {
        if (INVOKE_CLEANER == null || mapped == null || !mapped.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, mapped);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a view or an already-cleaned buffer: leave it to the collector
        }
    }
}
