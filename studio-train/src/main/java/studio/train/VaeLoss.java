package studio.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import studio.engine.nn.vae.AutoencoderKL;

/**
 * The stage-1 objective on one batch: reconstruct x from a sample of the posterior, with L1 + L2 on
 * pixels plus {@code klWeight} times the KL divergence to N(0, 1) (mean per latent element).
 */
public record VaeLoss(NDArray total, NDArray l1, NDArray kl) {
    public static VaeLoss of(AutoencoderKL vae, NDArray x, float klWeight) {
        NDList parts = vae.moments(x).split(2, 1);
        NDArray mean = parts.get(0);
        NDArray logVar = parts.get(1).clip(-30f, 20f);
        NDArray noise = x.getManager().randomNormal(mean.getShape());
        NDArray z = mean.add(logVar.mul(0.5f).exp().mul(noise));
        NDArray diff = vae.decode(z).sub(x);
        NDArray l1 = diff.abs().mean();
        NDArray kl = mean.square().add(logVar.exp()).sub(1f).sub(logVar).mul(0.5f).mean();
        return new VaeLoss(l1.add(diff.square().mean()).add(kl.mul(klWeight)), l1, kl);
    }
}
