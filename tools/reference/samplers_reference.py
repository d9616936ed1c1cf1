#!/usr/bin/env python3
"""Independent PyTorch reference for studio.engine.sampling.

Re-implements, in plain torch, the definitions the studio promises to match:
  * the Stable Diffusion noise schedule of the original LDM code (scaled_linear betas in float64,
    alphas_cumprod stored as float32) and k-diffusion's DiscreteSchedule (sigma_to_t / t_to_sigma,
    get_sigmas "normal" spacing) and get_sigmas_karras;
  * k-diffusion's CompVis eps / v denoisers and its batched classifier-free guidance;
  * the k-diffusion samplers euler, euler_ancestral, dpmpp_2m on VE latents;
  * ancestral DDPM as diffusers' DDPMScheduler steps it for SD ("leading" timesteps, offset 1,
    posterior mean and "fixed_small" variance) on VP latents;
  * the original CompVis DDIMSampler (eta = 0, "uniform" timesteps) on VP latents, including its
    img2img path (stochastic_encode at ddim index t_enc, then decode over timesteps[:t_enc]);
  * AUTOMATIC1111's img2img convention for k-samplers (t_enc = int(min(strength, .999) * steps),
    sigma_sched = sigmas[steps - t_enc - 1:], xi = x0 + noise * sigma_sched[0]).

The network is a deterministic analytic stand-in (see eps_model) so that every scaling, timestep
and guidance detail changes the result. Randomness follows the studio's convention: for a seed s,
torch.manual_seed(s); the first torch.randn draw is the initial latent (or img2img noise), and
ancestral samplers keep drawing from the same global generator.

Writes studio-engine/src/test/resources/golden/sampling/{schedule,samplers}.json.
Run: /usr/bin/python3 tools/reference/samplers_reference.py
"""
import json
import math
import os

import numpy as np
import torch

T = 1000
SHAPE = (1, 4, 8, 8)
OUT_DIR = os.path.join(os.path.dirname(__file__), '..', '..', 'studio-engine', 'src', 'test', 'resources',
                       'golden', 'sampling')

# ---------------------------------------------------------------- schedule (LDM + k-diffusion)

betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T, dtype=torch.float64) ** 2
alphas_cumprod64 = np.cumprod(1.0 - betas.numpy(), axis=0)
alphas_cumprod = torch.tensor(alphas_cumprod64, dtype=torch.float32)  # LDM registers float32
sigmas_table = ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5          # k-diffusion, float32
log_sigmas = sigmas_table.log()


def sigma_to_t(sigma):
    log_sigma = sigma.log()
    dists = log_sigma - log_sigmas[:, None]
    low_idx = dists.ge(0).cumsum(dim=0).argmax(dim=0).clamp(max=log_sigmas.shape[0] - 2)
    high_idx = low_idx + 1
    low, high = log_sigmas[low_idx], log_sigmas[high_idx]
    w = ((low - log_sigma) / (low - high)).clamp(0, 1)
    t = (1 - w) * low_idx + w * high_idx
    return t.view(sigma.shape)


def t_to_sigma(t):
    t = t.float()
    low_idx, high_idx, w = t.floor().long(), t.ceil().long(), t.frac()
    return ((1 - w) * log_sigmas[low_idx] + w * log_sigmas[high_idx]).exp()


def append_zero(x):
    return torch.cat([x, x.new_zeros([1])])


def get_sigmas(n):
    return append_zero(t_to_sigma(torch.linspace(T - 1, 0, n)))


def get_sigmas_karras(n, sigma_min, sigma_max, rho=7.0):
    ramp = torch.linspace(0, 1, n)
    min_inv_rho = sigma_min ** (1 / rho)
    max_inv_rho = sigma_max ** (1 / rho)
    return append_zero((max_inv_rho + ramp * (min_inv_rho - max_inv_rho)) ** rho)


def karras_sigmas(n):
    return get_sigmas_karras(n, sigmas_table[0].item(), sigmas_table[-1].item())


def ddim_timesteps(steps):
    # make_ddim_timesteps('uniform'); clipped to T-1 as AUTOMATIC1111 does for step counts where
    # the original would index past the table (e.g. 9 steps -> last timestep 1000).
    c = T // steps
    return np.clip(np.asarray(list(range(0, T, c))) + 1, 0, T - 1)


# ---------------------------------------------------------------- the stand-in network

def eps_model(x, t, context):
    """Elementwise, timestep- and context-dependent, mixes channels: errors in any scaling show."""
    c = context.mean(dim=(1, 2)).view(-1, 1, 1, 1)
    tt = t.to(torch.float32).view(-1, 1, 1, 1) / 1000
    return torch.tanh(0.9 * x + 0.6 * tt + c) - 0.3 * c * torch.tanh(x.flip(1))


def context(value, tokens=3, dim=4):
    return torch.full((1, tokens, dim), value, dtype=torch.float32)


COND = context(0.35)
UNCOND = context(-0.2)


# ---------------------------------------------------------------- k-diffusion denoisers

def compvis_denoiser(prediction):
    def denoise(x, sigma, ctx):
        s = sigma.view(-1, 1, 1, 1)
        c_in = 1 / (s ** 2 + 1) ** 0.5
        out = eps_model(x * c_in, sigma_to_t(sigma), ctx)
        if prediction == 'eps':
            return x + out * (-s)
        c_skip = 1 / (s ** 2 + 1)
        c_out = -s / (s ** 2 + 1) ** 0.5
        return out * c_out + x * c_skip
    return denoise


def cfg_denoiser(inner, scale):
    def denoise(x, sigma):
        if scale == 1:
            return inner(x, sigma, COND)
        x_in = torch.cat([x] * 2)
        sigma_in = torch.cat([sigma] * 2)
        u, c = inner(x_in, sigma_in, torch.cat([UNCOND, COND])).chunk(2)
        return u + (c - u) * scale
    return denoise


# ---------------------------------------------------------------- k-diffusion samplers (VE)

def to_d(x, sigma, denoised):
    return (x - denoised) / sigma


def get_ancestral_step(sigma_from, sigma_to, eta=1.0):
    sigma_up = min(sigma_to, eta * (sigma_to ** 2 * (sigma_from ** 2 - sigma_to ** 2) / sigma_from ** 2) ** 0.5)
    sigma_down = (sigma_to ** 2 - sigma_up ** 2) ** 0.5
    return sigma_down, sigma_up


def sample_euler(model, x, sigmas):
    s_in = x.new_ones([x.shape[0]])
    for i in range(len(sigmas) - 1):
        denoised = model(x, sigmas[i] * s_in)
        x = x + to_d(x, sigmas[i], denoised) * (sigmas[i + 1] - sigmas[i])
    return x


def sample_euler_ancestral(model, x, sigmas):
    s_in = x.new_ones([x.shape[0]])
    for i in range(len(sigmas) - 1):
        denoised = model(x, sigmas[i] * s_in)
        sigma_down, sigma_up = get_ancestral_step(sigmas[i], sigmas[i + 1])
        x = x + to_d(x, sigmas[i], denoised) * (sigma_down - sigmas[i])
        if sigmas[i + 1] > 0:
            x = x + torch.randn_like(x) * sigma_up
    return x


def sample_dpmpp_2m(model, x, sigmas):
    s_in = x.new_ones([x.shape[0]])
    sigma_fn = lambda t: t.neg().exp()
    t_fn = lambda sigma: sigma.log().neg()
    old_denoised = None
    for i in range(len(sigmas) - 1):
        denoised = model(x, sigmas[i] * s_in)
        t, t_next = t_fn(sigmas[i]), t_fn(sigmas[i + 1])
        h = t_next - t
        if old_denoised is None or sigmas[i + 1] == 0:
            x = (sigma_fn(t_next) / sigma_fn(t)) * x - (-h).expm1() * denoised
        else:
            h_last = t - t_fn(sigmas[i - 1])
            r = h_last / h
            denoised_d = (1 + 1 / (2 * r)) * denoised - (1 / (2 * r)) * old_denoised
            x = (sigma_fn(t_next) / sigma_fn(t)) * x - (-h).expm1() * denoised_d
        old_denoised = denoised
    return x


K_SAMPLERS = {
    'euler': (sample_euler, get_sigmas),
    'euler_a': (sample_euler_ancestral, get_sigmas),
    'dpmpp_2m': (sample_dpmpp_2m, get_sigmas),
    'dpmpp_2m_karras': (sample_dpmpp_2m, karras_sigmas),
}

# ---------------------------------------------------------------- original CompVis DDIM (VP)


class DDIM:
    """ldm.models.diffusion.ddim.DDIMSampler with eta = 0 (and SD 2's v-prediction branch)."""

    def __init__(self, steps, prediction, scale):
        self.timesteps = ddim_timesteps(steps)
        self.alphas = alphas_cumprod[self.timesteps]  # float32 tensor
        self.alphas_prev = np.asarray([alphas_cumprod[0].item()]
                                      + alphas_cumprod[self.timesteps[:-1]].tolist())  # float64
        self.sqrt_one_minus_alphas = np.sqrt(1. - self.alphas)
        self.sigmas = 0.0 * np.sqrt((1 - self.alphas_prev) / (1 - self.alphas.numpy())
                                    * (1 - self.alphas.numpy() / self.alphas_prev))
        self.prediction = prediction
        self.scale = scale
        # the model's own buffers, used by SD 2's v branch
        self.sqrt_ac = torch.tensor(np.sqrt(alphas_cumprod64), dtype=torch.float32)
        self.sqrt_1m_ac = torch.tensor(np.sqrt(1. - alphas_cumprod64), dtype=torch.float32)

    def p_sample(self, x, t, index):
        b = x.shape[0]
        ts = torch.full((b,), int(t), dtype=torch.long)
        if self.scale == 1:
            out = eps_model(x, ts, COND)
        else:
            u, c = eps_model(torch.cat([x] * 2), torch.cat([ts] * 2), torch.cat([UNCOND, COND])).chunk(2)
            out = u + self.scale * (c - u)
        if self.prediction == 'v':
            e_t = self.sqrt_ac[ts].view(-1, 1, 1, 1) * out + self.sqrt_1m_ac[ts].view(-1, 1, 1, 1) * x
        else:
            e_t = out
        a_t = torch.full((b, 1, 1, 1), self.alphas[index].item())
        a_prev = torch.full((b, 1, 1, 1), self.alphas_prev[index])
        sigma_t = torch.full((b, 1, 1, 1), self.sigmas[index])
        sqrt_one_minus_at = torch.full((b, 1, 1, 1), self.sqrt_one_minus_alphas[index].item())
        if self.prediction == 'v':
            pred_x0 = self.sqrt_ac[ts].view(-1, 1, 1, 1) * x - self.sqrt_1m_ac[ts].view(-1, 1, 1, 1) * out
        else:
            pred_x0 = (x - sqrt_one_minus_at * e_t) / a_t.sqrt()
        dir_xt = (1. - a_prev - sigma_t ** 2).sqrt() * e_t
        return a_prev.sqrt() * pred_x0 + dir_xt

    def run(self, x, timesteps):
        """DDIMSampler.ddim_sampling / decode: walk the given timesteps from the last to the first."""
        total = len(timesteps)
        for i, t in enumerate(np.flip(timesteps)):
            x = self.p_sample(x, t, total - i - 1)
        return x

    def sample(self, noise):
        return self.run(noise, self.timesteps)

    def img2img(self, x0, noise, t_enc):
        a = self.alphas[t_enc]
        x1 = torch.sqrt(a) * x0 + np.sqrt(1. - a) * noise  # stochastic_encode
        return self.run(x1, self.timesteps[:t_enc])


class DDPM:
    """Ancestral DDPM (posterior mean + "fixed_small" variance) on VP latents, as diffusers'
    DDPMScheduler runs it with Stable Diffusion's config: "leading" timesteps with offset 1,
    and the step after the last timestep goes to alpha_cumprod = 1 (a clean latent)."""

    def __init__(self, steps, scale):
        self.ratio = T // steps
        self.timesteps = np.arange(0, steps)[::-1] * self.ratio + 1
        self.scale = scale

    def step(self, x, t):
        ts = torch.full((x.shape[0],), int(t), dtype=torch.long)
        if self.scale == 1:
            eps = eps_model(x, ts, COND)
        else:
            u, c = eps_model(torch.cat([x] * 2), torch.cat([ts] * 2), torch.cat([UNCOND, COND])).chunk(2)
            eps = u + self.scale * (c - u)
        prev_t = t - self.ratio
        a_t = alphas_cumprod[t]
        a_prev = alphas_cumprod[prev_t] if prev_t >= 0 else torch.tensor(1.0)
        alpha = a_t / a_prev
        beta = 1 - alpha
        x0 = (x - (1 - a_t) ** 0.5 * eps) / a_t ** 0.5
        mean = (a_prev ** 0.5 * beta) / (1 - a_t) * x0 + alpha ** 0.5 * (1 - a_prev) / (1 - a_t) * x
        if prev_t >= 0:
            variance = (1 - a_prev) / (1 - a_t) * beta
            mean = mean + variance ** 0.5 * torch.randn_like(x)
        return mean

    def run(self, x, timesteps):
        for t in timesteps:
            x = self.step(x, int(t))
        return x

    def sample(self, noise):
        return self.run(noise, self.timesteps)

    def img2img(self, x0, noise, t_enc):
        # A1111's k-sampler convention on this schedule: the last t_enc + 1 timesteps
        tail = self.timesteps[len(self.timesteps) - t_enc - 1:]
        a = alphas_cumprod[tail[0]]
        return self.run(a.sqrt() * x0 + (1 - a).sqrt() * noise, tail)


# ---------------------------------------------------------------- cases


def init_image():
    return torch.sin(torch.arange(256, dtype=torch.float32).view(SHAPE) * 0.37) * 0.8


def t_enc_of(steps, strength):
    return int(min(strength, 0.999) * steps)


def run_case(sampler, steps, scale, prediction, seed, strength):
    torch.manual_seed(seed)
    noise = torch.randn(SHAPE)
    if sampler in ('ddim', 'ddpm'):
        vp = DDIM(steps, prediction, scale) if sampler == 'ddim' else DDPM(steps, scale)
        if strength is None:
            return vp.sample(noise)
        return vp.img2img(init_image(), noise, t_enc_of(steps, strength))
    fn, schedule = K_SAMPLERS[sampler]
    model = cfg_denoiser(compvis_denoiser(prediction), scale)
    sigmas = schedule(steps)
    if strength is None:
        return fn(model, noise * sigmas[0], sigmas)
    sched = sigmas[steps - t_enc_of(steps, strength) - 1:]
    return fn(model, init_image() + noise * sched[0], sched)


CASES = []
for name in ['ddim', 'euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras', 'ddpm']:
    for steps in (7, 20):
        CASES.append(dict(sampler=name, steps=steps, scale=7.5, prediction='eps', seed=42, strength=None))
for name in ['ddim', 'euler', 'dpmpp_2m', 'euler_a']:
    CASES.append(dict(sampler=name, steps=10, scale=5.0, prediction='v', seed=7, strength=None))
for name, steps, strength in [('ddim', 10, 0.55), ('ddim', 7, 0.3), ('euler', 10, 0.55), ('euler_a', 10, 0.55),
                              ('dpmpp_2m_karras', 12, 0.75), ('ddpm', 10, 0.55), ('euler', 8, 1.0)]:
    CASES.append(dict(sampler=name, steps=steps, scale=7.5, prediction='eps', seed=3, strength=strength))
CASES.append(dict(sampler='euler', steps=6, scale=1.0, prediction='eps', seed=5, strength=None))
CASES.append(dict(sampler='ddim', steps=6, scale=1.0, prediction='eps', seed=5, strength=None))


def floats(t):
    return [float('%.9g' % v) for v in t.reshape(-1).tolist()]


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.manual_seed(42)
    schedule = {
        'alphas_cumprod': floats(alphas_cumprod),
        'sigmas_table': floats(sigmas_table),
        'normal': {str(n): floats(get_sigmas(n)) for n in (1, 2, 7, 20, 50)},
        'karras': {str(n): floats(karras_sigmas(n)) for n in (1, 7, 20)},
        'ddim_timesteps': {str(n): ddim_timesteps(n).tolist() for n in (1, 7, 9, 20, 30, 50, 1000)},
        'ddpm_timesteps': {str(n): DDPM(n, 1).timesteps.tolist() for n in (1, 7, 20, 30)},
        'sigma_to_t': [[s, float(sigma_to_t(torch.tensor([s], dtype=torch.float32)).item())]
                       for s in (0.01, 0.0292, 0.1, 0.5, 1.0, 3.3, 14.6, 20.0)],
        'seed42_randn': floats(torch.randn(SHAPE)),
    }
    with open(os.path.join(OUT_DIR, 'schedule.json'), 'w') as f:
        json.dump(schedule, f, separators=(',', ':'))

    cases = []
    for case in CASES:
        out = run_case(**case)
        assert torch.isfinite(out).all(), case
        cases.append(dict(case, output=floats(out)))
    with open(os.path.join(OUT_DIR, 'samplers.json'), 'w') as f:
        json.dump({'shape': list(SHAPE), 'cond': COND[0, 0, 0].item(), 'uncond': UNCOND[0, 0, 0].item(),
                   'cases': cases}, f, separators=(',', ':'))
    print('wrote', len(cases), 'sampler cases to', os.path.normpath(OUT_DIR))


if __name__ == '__main__':
    main()
