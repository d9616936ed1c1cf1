package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Turns a discrete-time ε- or v-predicting U-Net into a denoiser D(x, σ), as k-diffusion's
 * {@code CompVisDenoiser} / {@code CompVisVDenoiser} do (σ_data = 1):
 * the network sees the VP-scaled latent x·c_in with c_in = 1/√(σ²+1) at the fractional timestep
 * {@link DiscreteSchedule#sigmaToT(double) t(σ)}, and
 * <ul>
 *   <li>ε-prediction: D = x − σ·ε;</li>
 *   <li>v-prediction: D = x·c_skip + v·c_out with c_skip = 1/(σ²+1), c_out = −σ/√(σ²+1).</li>
 * </ul>
 */
public record CompVisDenoiser(ModelFn model, DiscreteSchedule schedule, Prediction prediction)
        implements ConditionalDenoiser {

    public CompVisDenoiser {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(prediction, "prediction");
    }

    @Override
    public NDArray denoise(NDArray x, float sigma, Conditioning context, BatchRows rows) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("the denoiser needs a noise level > 0, got " + sigma);
        }
        double s = sigma;
        double cIn = 1 / Math.sqrt(s * s + 1);
        long batch = x.getShape().get(0);
        NDArray t = x.getManager().full(new Shape(batch), (float) schedule.sigmaToT(s));
        NDArray out = model.apply(x.mul(cIn), t, context, rows);
        if (!out.getShape().equals(x.getShape())) {
            throw new IllegalStateException("the model returned " + out.getShape() + " for latents of shape "
                    + x.getShape() + "; an ε/v prediction must have the latent's shape");
        }
        if (prediction == Prediction.EPSILON) {
            return x.sub(out.mul(s));
        }
        double cSkip = 1 / (s * s + 1);
        double cOut = -s / Math.sqrt(s * s + 1);
        return x.mul(cSkip).add(out.mul(cOut));
    }
}
