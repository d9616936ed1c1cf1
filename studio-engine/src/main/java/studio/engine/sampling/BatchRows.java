package studio.engine.sampling;

import java.util.Arrays;

/**
 * What guidance knows about one batch it sends through the network and the network cannot tell from
 * the tensors: the noise level, and which rows carry the prompt and which the negative prompt
 * (ComfyUI's {@code cond_or_uncond}). The U-Net ignores it; an adapter that treats the rows
 * differently reads it (a ControlNet in "ControlNet is more important" mode gives the unconditional
 * rows nothing, and its start/end fractions need the step, found from σ).
 *
 * @param sigma       the noise level of the pass
 * @param conditional per batch row, true for the prompt's rows, false for the negative prompt's
 */
public record BatchRows(float sigma, boolean[] conditional) {
    public BatchRows {
        conditional = conditional.clone();
    }

    /** {@code n} rows of one kind. */
    public static BatchRows of(float sigma, int n, boolean conditional) {
        boolean[] rows = new boolean[n];
        Arrays.fill(rows, conditional);
        return new BatchRows(sigma, rows);
    }

    /** The rows of two batches, {@code first} then {@code second}, as concatenated. */
    public BatchRows then(BatchRows second) {
        boolean[] rows = Arrays.copyOf(conditional, conditional.length + second.conditional.length);
        System.arraycopy(second.conditional, 0, rows, conditional.length, second.conditional.length);
        return new BatchRows(sigma, rows);
    }

    @Override
    public boolean[] conditional() {
        return conditional.clone();
    }

    public int size() {
        return conditional.length;
    }

    public boolean isConditional(int row) {
        return conditional[row];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchRows r && r.sigma == sigma && Arrays.equals(r.conditional, conditional);
    }

    @Override
    public int hashCode() {
        return Float.hashCode(sigma) * 31 + Arrays.hashCode(conditional);
    }

    @Override
    public String toString() {
        return "BatchRows[sigma=" + sigma + ", conditional=" + Arrays.toString(conditional) + "]";
    }
}
