package studio.engine.sampling;

import java.util.Arrays;

/**
 * The discrete noise schedule a latent diffusion model was trained on, and the noise levels the
 * samplers step through. Definitions follow the original LDM code and k-diffusion, so that a step
 * count or sampler name means the same here as in AUTOMATIC1111:
 * <ul>
 *   <li>ᾱ (alphas_cumprod) is the cumulative product of 1 − β in float64, stored as float32
 *       (LDM registers it as a float32 buffer and every sampler reads that buffer);</li>
 *   <li>σ_t = √((1 − ᾱ_t)/ᾱ_t) in float32, the variance-exploding noise level of timestep t
 *       (k-diffusion's {@code DiscreteSchedule}).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class DiscreteSchedule {

    private static final DiscreteSchedule STABLE_DIFFUSION = scaledLinear(0.00085, 0.012, 1000);

    private final float[] alphasCumprod;
    private final float[] sigmas;
    private final float[] logSigmas;

    private DiscreteSchedule(float[] alphasCumprod) {
        this.alphasCumprod = alphasCumprod;
        int n = alphasCumprod.length;
        sigmas = new float[n];
        logSigmas = new float[n];
        for (int t = 0; t < n; t++) {
            float a = alphasCumprod[t];
            sigmas[t] = (float) Math.sqrt((1f - a) / a);
            logSigmas[t] = (float) Math.log(sigmas[t]);
        }
    }

    /** The schedule of Stable Diffusion 1.x and 2.x: scaled_linear β from 0.00085 to 0.012 over 1000 steps. */
    public static DiscreteSchedule stableDiffusion() {
        return STABLE_DIFFUSION;
    }

    /**
     * LDM's "linear" beta schedule as SD configures it (the name "scaled_linear" is diffusers'):
     * β is linear in √β space, computed in float64.
     */
    public static DiscreteSchedule scaledLinear(double betaStart, double betaEnd, int timesteps) {
        if (timesteps < 2 || !(betaStart > 0) || !(betaEnd < 1) || !(betaStart <= betaEnd)) {
            throw new IllegalArgumentException("need 0 < betaStart <= betaEnd < 1 and at least 2 timesteps, got "
                    + betaStart + ", " + betaEnd + ", " + timesteps);
        }
        double[] sqrtBetas = linspace(Math.sqrt(betaStart), Math.sqrt(betaEnd), timesteps);
        float[] alphasCumprod = new float[timesteps];
        double product = 1;
        for (int t = 0; t < timesteps; t++) {
            double beta = sqrtBetas[t] * sqrtBetas[t];
            product *= 1 - beta;
            alphasCumprod[t] = (float) product;
        }
        return new DiscreteSchedule(alphasCumprod);
    }

    /** Number of training timesteps (1000 for SD). */
    public int size() {
        return alphasCumprod.length;
    }

    /** ᾱ_t as the float32 value the reference samplers read. */
    public float alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    /** σ_t of training timestep t. */
    public float sigma(int t) {
        return sigmas[t];
    }

    /** Smallest noise level of the schedule, σ_0 (≈ 0.0292 for SD). */
    public float sigmaMin() {
        return sigmas[0];
    }

    /** Largest noise level of the schedule, σ_{T−1} (≈ 14.6146 for SD). */
    public float sigmaMax() {
        return sigmas[sigmas.length - 1];
    }

    /**
     * The fractional timestep whose noise level is σ, by linear interpolation of log σ between the
     * two neighbouring table entries (k-diffusion's {@code sigma_to_t}); clamps outside the table.
     * A σ equal to a table entry gives exactly its integer timestep.
     */
    public double sigmaToT(double sigma) {
        float logSigma = (float) Math.log((float) sigma);
        // last index whose log σ is <= the target, kept one below the end so that high = low + 1 exists
        int low = 0;
        for (int t = 0; t < logSigmas.length && logSigmas[t] <= logSigma; t++) {
            low = t;
        }
        low = Math.min(low, logSigmas.length - 2);
        int high = low + 1;
        double w = ((double) logSigmas[low] - logSigma) / ((double) logSigmas[low] - logSigmas[high]);
        w = Math.min(1, Math.max(0, w));
        return (1 - w) * low + w * high;
    }

    /** The noise level of a fractional timestep, interpolating log σ (k-diffusion's {@code t_to_sigma}). */
    public float tToSigma(double t) {
        if (!(t >= 0 && t <= size() - 1)) {
            throw new IllegalArgumentException("timestep must be in [0, " + (size() - 1) + "], got " + t);
        }
        int low = (int) Math.floor(t);
        int high = (int) Math.ceil(t);
        double w = t - low;
        return (float) Math.exp((1 - w) * logSigmas[low] + w * logSigmas[high]);
    }

    /**
     * k-diffusion's default ("normal") spacing: {@code n} timesteps evenly spaced from T−1 down to 0,
     * converted to σ, with a final 0 appended — {@code n + 1} values, descending.
     */
    public float[] sigmas(int n) {
        requireSteps(n);
        float[] t = linspaceFloat(size() - 1, 0, n);
        float[] out = new float[n + 1];
        for (int i = 0; i < n; i++) {
            out[i] = tToSigma(t[i]);
        }
        return out;
    }

    /** {@link #karras(int, double, double, double)} between this schedule's σmin and σmax with ρ = 7. */
    public float[] karras(int n) {
        return karras(n, sigmaMin(), sigmaMax(), 7.0);
    }

    /**
     * Karras et al. (2022) spacing: σ evenly spaced in σ^(1/ρ) from σmax down to σmin, with a final
     * 0 appended (k-diffusion's {@code get_sigmas_karras}) — {@code n + 1} values, descending.
     */
    public static float[] karras(int n, double sigmaMin, double sigmaMax, double rho) {
        requireSteps(n);
        if (!(sigmaMin > 0 && sigmaMin < sigmaMax) || !(rho > 0)) {
            throw new IllegalArgumentException("need 0 < sigmaMin < sigmaMax and rho > 0, got "
                    + sigmaMin + ", " + sigmaMax + ", " + rho);
        }
        float[] ramp = linspaceFloat(0, 1, n);
        double minInvRho = Math.pow(sigmaMin, 1 / rho);
        double maxInvRho = Math.pow(sigmaMax, 1 / rho);
        float[] out = new float[n + 1];
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.pow(maxInvRho + ramp[i] * (minInvRho - maxInvRho), rho);
        }
        return out;
    }

    /**
     * The original DDIM sampler's "uniform" timesteps, ascending: {@code range(0, T, T / steps) + 1}.
     * When T is not a multiple of {@code steps} this holds more than {@code steps} entries (30 steps
     * give 31), exactly as in the original; entries past T−1 (e.g. 1000 for 9 steps, where the
     * original would index past the table) are clipped to T−1 as AUTOMATIC1111 does.
     */
    public int[] ddimTimesteps(int steps) {
        requireSteps(steps);
        if (steps > size()) {
            throw new IllegalArgumentException("DDIM needs at most " + size() + " steps, got " + steps);
        }
        int stride = size() / steps;
        int count = (size() + stride - 1) / stride;
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.min(i * stride + 1, size() - 1);
        }
        return out;
    }

    /**
     * The noise levels DDIM steps through: σ of {@link #ddimTimesteps(int)} from the last to the
     * first, then σ_0 — DDIM's final step goes to ᾱ_prev = ᾱ_0, not to a clean latent.
     */
    public float[] ddimSigmas(int steps) {
        int[] ts = ddimTimesteps(steps);
        return sigmasOfTimesteps(ts, sigma(0));
    }

    /**
     * The timesteps ancestral DDPM visits, descending: diffusers' "leading" spacing with SD's offset
     * of 1, {@code (steps−1, …, 1, 0) · (T / steps) + 1}; exactly {@code steps} entries. For
     * {@code steps = T} the first would be T, past the table, and is clipped to T−1 like DDIM's.
     */
    public int[] ddpmTimesteps(int steps) {
        requireSteps(steps);
        if (steps > size()) {
            throw new IllegalArgumentException("DDPM needs at most " + size() + " steps, got " + steps);
        }
        int stride = size() / steps;
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = Math.min((steps - 1 - i) * stride + 1, size() - 1);
        }
        return out;
    }

    /** σ of {@link #ddpmTimesteps(int)} then 0: DDPM's last step lands on a clean latent. */
    public float[] ddpmSigmas(int steps) {
        int[] ts = ddpmTimesteps(steps);
        int[] ascending = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            ascending[i] = ts[ts.length - 1 - i];
        }
        return sigmasOfTimesteps(ascending, 0f);
    }

    private float[] sigmasOfTimesteps(int[] ascending, float last) {
        float[] out = new float[ascending.length + 1];
        for (int i = 0; i < ascending.length; i++) {
            out[i] = sigma(ascending[ascending.length - 1 - i]);
        }
        out[ascending.length] = last;
        return out;
    }

    @Override
    public String toString() {
        return "DiscreteSchedule[T=" + size() + ", sigma " + sigmaMin() + " .. " + sigmaMax() + "]";
    }

    /** A copy of the σ table indexed by timestep. */
    public float[] sigmaTable() {
        return Arrays.copyOf(sigmas, sigmas.length);
    }

    private static void requireSteps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least 1 step, got " + n);
        }
    }

    // torch.linspace's CPU kernel: the first half counts up from start, the second down from end,
    // in the tensor's own precision; mirrored so that schedules agree to the last bit where possible.
    private static double[] linspace(double start, double end, int n) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        double step = (end - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            out[i] = i < n / 2 ? start + step * i : end - step * (n - 1 - i);
        }
        return out;
    }

    private static float[] linspaceFloat(float start, float end, int n) {
        float[] out = new float[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            out[i] = i < n / 2 ? start + step * i : end - step * (n - 1 - i);
        }
        return out;
    }
}
