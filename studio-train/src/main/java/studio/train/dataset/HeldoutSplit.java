package studio.train.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import studio.engine.api.InvalidRequestException;

/**
 * Assigns an emoji name to train or held-out by a hash of the name alone, so the split is the same on
 * every machine and every rebuild, does not move when sets are added, and puts all styles of one name
 * on the same side: a held-out name was never seen in any style.
 */
public final class HeldoutSplit {
    private final double fraction;

    /** @param fraction the share of names held out, in [0, 0.5] */
    public HeldoutSplit(double fraction) {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new InvalidRequestException("held-out fraction must be between 0 and 0.5, got " + fraction);
        }
        this.fraction = fraction;
    }

    public double fraction() {
        return fraction;
    }

    public Split of(String cleanName) {
        return position(cleanName) < fraction ? Split.HELDOUT : Split.TRAIN;
    }

    /** The name's place in [0, 1): the first 53 bits of its SHA-256, a uniform spread of names. */
    static double position(String cleanName) {
        byte[] digest = sha256(cleanName.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
