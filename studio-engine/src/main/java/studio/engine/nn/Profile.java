package studio.engine.nn;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a forward pass spends its time, by kind of op: off unless a benchmark turns it on.
 *
 * <p>libtorch runs CPU ops synchronously, so the wall time around a call is the op's time. Element-wise
 * ops, reshapes and concatenations are not wrapped one by one; a benchmark reports them as the rest of
 * its measured total.
 */
public final class Profile {
    /** The kinds a step's time is split into. */
    public enum Kind { CONV, LINEAR, ATTENTION, NORM, ACTIVATION, CAST }

    private static volatile boolean enabled;
    private static final AtomicLongArray NANOS = new AtomicLongArray(Kind.values().length);
    private static final AtomicLongArray CALLS = new AtomicLongArray(Kind.values().length);
    private static final AtomicLongArray FLOPS = new AtomicLongArray(Kind.values().length);

    private Profile() {
    }

    public static void enable(boolean on) {
        enabled = on;
    }

    public static void reset() {
        for (int i = 0; i < NANOS.length(); i++) {
            NANOS.set(i, 0);
            CALLS.set(i, 0);
            FLOPS.set(i, 0);
        }
    }

    /** A start mark for {@link #end}; 0 (and no clock read) while profiling is off. */
    static long start() {
        return enabled ? System.nanoTime() : 0;
    }

    static void end(Kind kind, long start) {
        if (start != 0) {
            NANOS.addAndGet(kind.ordinal(), System.nanoTime() - start);
            CALLS.incrementAndGet(kind.ordinal());
        }
    }

    /** Counts the multiply-add work of a product (2 per multiply-add) while profiling is on. */
    static void flops(Kind kind, double count) {
        if (enabled) {
            FLOPS.addAndGet(kind.ordinal(), (long) count);
        }
    }

    /** Floating-point operations of the products (conv, linear, attention) per kind since the last reset. */
    public static Map<Kind, Long> flops() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, FLOPS.get(k.ordinal()));
        }
        return out;
    }

    /** Seconds per kind since the last reset. */
    public static Map<Kind, Double> seconds() {
        Map<Kind, Double> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, NANOS.get(k.ordinal()) / 1e9);
        }
        return out;
    }

    /** Calls per kind since the last reset. */
    public static Map<Kind, Long> calls() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, CALLS.get(k.ordinal()));
        }
        return out;
    }
}
