package studio.engine.api;

/**
 * AUTOMATIC1111's variation seed ("Variation seed", "Variation seed strength" in its parameters): the
 * starting noise of seed s is bent towards the noise of seed v by the strength, so nearby strengths
 * give nearby pictures around the one seed s makes. Batch item i uses seeds s + i and v + i.
 *
 * @param seed     the variation seed
 * @param strength 0 (the seed's own picture, the same as no variation) to 1 (the variation seed's noise)
 */
public record Variation(long seed, double strength) {
    /** No variation. */
    public static final Variation NONE = new Variation(0, 0);

    /** False for {@link #NONE} and any strength 0, which change nothing. */
    public boolean active() {
        return strength != 0;
    }

    /** The variation of batch item {@code i}: seed v + i, as A1111 numbers a batch's subseeds. */
    public Variation item(int i) {
        return active() ? new Variation(seed + i, strength) : NONE;
    }
}
