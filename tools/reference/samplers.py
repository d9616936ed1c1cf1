"""Noise schedule, denoiser wrappers and samplers, written from the published algorithms:
DDIM as in CompVis' DDIMSampler (eta = 0), Euler and DPM-Solver++(2M) as in k-diffusion,
with k-diffusion's CompVisDenoiser / CompVisVDenoiser discretisation of the SD schedule.

Schedule ("scaled linear"): betas = linspace(sqrt(0.00085), sqrt(0.012), 1000)^2 in float64,
alphas_cumprod = cumprod(1 - betas), stored float32 (as LDM's register_schedule does).
Model sigmas: sigma_t = sqrt((1 - acp_t) / acp_t), t = 0..999.
"""
import math

import numpy as np
import torch

LINEAR_START = 0.00085
LINEAR_END = 0.012
NUM_TIMESTEPS = 1000


def ddpm_buffers():
    """The 12 schedule buffers LDM's LatentDiffusion.register_schedule stores (float32)."""
    betas = np.linspace(LINEAR_START ** 0.5, LINEAR_END ** 0.5, NUM_TIMESTEPS, dtype=np.float64) ** 2
    alphas = 1.0 - betas
    acp = np.cumprod(alphas, axis=0)
    acp_prev = np.append(1.0, acp[:-1])
    post_var = betas * (1.0 - acp_prev) / (1.0 - acp)  # v_posterior = 0
    bufs = {
        "betas": betas,
        "alphas_cumprod": acp,
        "alphas_cumprod_prev": acp_prev,
        "sqrt_alphas_cumprod": np.sqrt(acp),
        "sqrt_one_minus_alphas_cumprod": np.sqrt(1.0 - acp),
        "log_one_minus_alphas_cumprod": np.log(1.0 - acp),
        "sqrt_recip_alphas_cumprod": np.sqrt(1.0 / acp),
        "sqrt_recipm1_alphas_cumprod": np.sqrt(1.0 / acp - 1),
        "posterior_variance": post_var,
        "posterior_log_variance_clipped": np.log(np.maximum(post_var, 1e-20)),
        "posterior_mean_coef1": betas * np.sqrt(acp_prev) / (1.0 - acp),
        "posterior_mean_coef2": (1.0 - acp_prev) * np.sqrt(alphas) / (1.0 - acp),
    }
    return {k: torch.tensor(v, dtype=torch.float32) for k, v in bufs.items()}


def alphas_cumprod():
    return ddpm_buffers()["alphas_cumprod"]


class DiscreteSchedule:
    """k-diffusion DiscreteSchedule over the model's 1000 sigmas."""

    def __init__(self, acp):
        self.sigmas = ((1 - acp) / acp) ** 0.5
        self.log_sigmas = self.sigmas.log()

    @property
    def sigma_min(self):
        return self.sigmas[0]

    @property
    def sigma_max(self):
        return self.sigmas[-1]

    def sigma_to_t(self, sigma):
        log_sigma = sigma.log()
        dists = log_sigma - self.log_sigmas[:, None]
        low_idx = dists.ge(0).cumsum(dim=0).argmax(dim=0).clamp(max=self.log_sigmas.shape[0] - 2)
        high_idx = low_idx + 1
        low, high = self.log_sigmas[low_idx], self.log_sigmas[high_idx]
        w = ((low - log_sigma) / (low - high)).clamp(0, 1)
        t = (1 - w) * low_idx + w * high_idx
        return t.view(sigma.shape)

    def t_to_sigma(self, t):
        t = t.float()
        low_idx, high_idx, w = t.floor().long(), t.ceil().long(), t.frac()
        log_sigma = (1 - w) * self.log_sigmas[low_idx] + w * self.log_sigmas[high_idx]
        return log_sigma.exp()

    def get_sigmas(self, n):
        """'Normal' spacing: n timesteps evenly from 999 to 0, then a final 0."""
        t = torch.linspace(len(self.sigmas) - 1, 0, n)
        return torch.cat([self.t_to_sigma(t), torch.zeros(1)])


def karras_sigmas(n, sigma_min, sigma_max, rho=7.0):
    ramp = torch.linspace(0, 1, n)
    min_inv, max_inv = sigma_min ** (1 / rho), sigma_max ** (1 / rho)
    sigmas = (max_inv + ramp * (min_inv - max_inv)) ** rho
    return torch.cat([sigmas, torch.zeros(1)])


def cfg_model(unet, cond, uncond, scale):
    """eps/v(x, t) with classifier-free guidance u + s (c - u); one batch of [uncond, cond]."""

    def fn(x, t):
        out = unet(torch.cat([x, x]), torch.cat([t, t]), torch.cat([uncond, cond]))
        u, c = out.chunk(2)
        return u + scale * (c - u)

    return fn


def make_denoiser(model_fn, schedule, prediction="eps"):
    """D(x, sigma) in the variance-exploding parameterisation (x = x0 + sigma * eps)."""

    def denoise(x, sigma):
        s = sigma.reshape(1)
        t = schedule.sigma_to_t(s)
        if prediction == "eps":
            c_in = 1 / (s ** 2 + 1) ** 0.5
            return x + model_fn(x * c_in, t) * (-s)
        if prediction == "v":
            c_skip = 1 / (s ** 2 + 1)
            c_out = -s / (s ** 2 + 1) ** 0.5
            c_in = 1 / (s ** 2 + 1) ** 0.5
            return model_fn(x * c_in, t) * c_out + x * c_skip
        raise ValueError(prediction)

    return denoise


def sample_euler(denoise, x, sigmas, trace):
    for i in range(len(sigmas) - 1):
        denoised = denoise(x, sigmas[i])
        d = (x - denoised) / sigmas[i]
        x = x + d * (sigmas[i + 1] - sigmas[i])
        trace.append(x)
    return x


def ancestral_step(sigma_from, sigma_to, eta=1.0):
    """Split the move to sigma_to into a deterministic part down to sigma_down and fresh noise
    of size sigma_up, with sigma_down^2 + sigma_up^2 = sigma_to^2."""
    sigma_up = torch.minimum(sigma_to, eta * (sigma_to ** 2 * (sigma_from ** 2 - sigma_to ** 2) / sigma_from ** 2) ** 0.5)
    sigma_down = (sigma_to ** 2 - sigma_up ** 2) ** 0.5
    return sigma_down, sigma_up


def sample_euler_ancestral(denoise, x, sigmas, trace, next_noise):
    """k-diffusion sample_euler_ancestral, eta 1, s_noise 1; next_noise() draws the step noise."""
    for i in range(len(sigmas) - 1):
        denoised = denoise(x, sigmas[i])
        sigma_down, sigma_up = ancestral_step(sigmas[i], sigmas[i + 1])
        d = (x - denoised) / sigmas[i]
        x = x + d * (sigma_down - sigmas[i])
        if sigmas[i + 1] > 0:
            x = x + next_noise() * sigma_up
        trace.append(x)
    return x


def sample_dpmpp_2m(denoise, x, sigmas, trace):
    def t_fn(s):
        return -s.log()

    def sigma_fn(t):
        return (-t).exp()

    old_denoised = None
    for i in range(len(sigmas) - 1):
        denoised = denoise(x, sigmas[i])
        t, t_next = t_fn(sigmas[i]), t_fn(sigmas[i + 1])
        h = t_next - t
        if old_denoised is None or sigmas[i + 1] == 0:
            x = (sigma_fn(t_next) / sigma_fn(t)) * x - torch.expm1(-h) * denoised
        else:
            h_last = t - t_fn(sigmas[i - 1])
            r = h_last / h
            denoised_d = (1 + 1 / (2 * r)) * denoised - (1 / (2 * r)) * old_denoised
            x = (sigma_fn(t_next) / sigma_fn(t)) * x - torch.expm1(-h) * denoised_d
        old_denoised = denoised
        trace.append(x)
    return x


def ddim_timesteps(steps):
    """CompVis 'uniform' discretisation: c = 1000 // steps, timesteps = [0, c, 2c, ...] + 1."""
    c = NUM_TIMESTEPS // steps
    return np.arange(0, steps) * c + 1


def sample_ddim(model_fn, x, acp, steps, trace):
    """DDIM with eta = 0 on the eps prediction, as in CompVis' DDIMSampler.p_sample_ddim.
    alphas_prev of the first (lowest) timestep is alphas_cumprod[0], not 1."""
    ts = ddim_timesteps(steps)
    alphas = acp[ts]
    alphas_prev = torch.cat([acp[:1], acp[ts[:-1]]])
    for i, step in enumerate(ts[::-1]):
        index = steps - 1 - i
        e_t = model_fn(x, torch.full((x.shape[0],), float(step)))
        a_t, a_prev = alphas[index], alphas_prev[index]
        pred_x0 = (x - (1 - a_t).sqrt() * e_t) / a_t.sqrt()
        x = a_prev.sqrt() * pred_x0 + (1 - a_prev).sqrt() * e_t
        trace.append(x)
    return x, ts, alphas, alphas_prev


def sample_ddpm(model_fn, x, acp, steps, trace, next_noise):
    """Ancestral DDPM as diffusers' DDPMScheduler runs it for SD (the DDPM class of
    samplers_reference.py on a real network): "leading" timesteps with offset 1, the posterior mean
    and "fixed_small" variance; the step after the last timestep goes to alpha_cumprod = 1, without noise."""
    ratio = NUM_TIMESTEPS // steps
    ts = np.arange(0, steps)[::-1] * ratio + 1
    for step in ts:
        eps = model_fn(x, torch.full((x.shape[0],), float(step)))
        prev = step - ratio
        a_t = acp[step]
        a_prev = acp[prev] if prev >= 0 else torch.tensor(1.0)
        alpha = a_t / a_prev
        beta = 1 - alpha
        x0 = (x - (1 - a_t).sqrt() * eps) / a_t.sqrt()
        x = a_prev.sqrt() * beta / (1 - a_t) * x0 + alpha.sqrt() * (1 - a_prev) / (1 - a_t) * x
        if prev >= 0:
            x = x + ((1 - a_prev) / (1 - a_t) * beta).sqrt() * next_noise()
        trace.append(x)
    return x, ts


def sample_lcm(model_fn, x, acp, steps, trace, next_noise):
    """diffusers' LCMScheduler on eps predictions, as lcm_reference.py defines it (its timestep grid
    and boundary scalings): denoised = c_out x0 + c_skip x_t; every step but the last re-noises to the
    next timestep, the last returns denoised."""
    from lcm_reference import boundary, lcm_timesteps
    ts = lcm_timesteps(steps)
    for i, step in enumerate(ts):
        eps = model_fn(x, torch.full((x.shape[0],), float(step)))
        a_t = acp[step]
        c_skip, c_out = boundary(int(step))
        denoised = c_out * (x - (1 - a_t).sqrt() * eps) / a_t.sqrt() + c_skip * x
        if i + 1 < len(ts):
            a_prev = acp[ts[i + 1]]
            x = a_prev.sqrt() * denoised + (1 - a_prev).sqrt() * next_noise()
        else:
            x = denoised
        trace.append(x)
    return x, ts
