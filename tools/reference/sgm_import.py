"""Imports the original SDXL U-Net (`sgm`, github.com/Stability-AI/generative-models) at run time from
a checkout or a bare git mirror, on Debian's torch 1.13. Nothing of sgm is copied here; what this
file adds is only what the import needs and torch 1.13 / this machine lack:

- `sgm/__init__.py` and `sgm/modules/__init__.py` pull in training code (pytorch_lightning); the
  packages are registered without running them.
- `fsspec` and `safetensors` (imported by sgm/util.py, unused by the U-Net) are empty modules.
- torch < 2.0 has no `F.scaled_dot_product_attention`: sgm then refuses plain attention unless
  xformers is present. The import sees torch "2.0.0" and gets the math definition
  softmax(q kᵀ / √d) v (no mask is ever passed by the U-Net), plus an inert `sdp_kernel`.
- `einops` and `packaging` come from the wheels in /opt/pypi/files (unpacked to a temp folder).
"""
import contextlib
import enum
import glob
import os
import subprocess
import sys
import tempfile
import types
import zipfile


def _checkout(path):
    if os.path.isdir(os.path.join(path, "sgm")):
        return path
    out = tempfile.mkdtemp(prefix="sgm-")
    archive = subprocess.run(["git", "--git-dir", path, "archive", "HEAD", "sgm"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", out], input=archive, check=True)
    return out


def _wheels(names):
    out = tempfile.mkdtemp(prefix="sgm-deps-")
    for name in names:
        try:
            __import__(name)
            continue
        except ImportError:
            pass
        found = sorted(glob.glob(f"/opt/pypi/files/{name}-*.whl"))
        if not found:
            raise SystemExit(f"{name} is not installed and no wheel of it is in /opt/pypi/files")
        zipfile.ZipFile(found[-1]).extractall(out)
    sys.path.insert(0, out)


def unet_class(sgm_path):
    import torch
    import torch.nn.functional as F

    root = _checkout(sgm_path)
    _wheels(["einops", "packaging"])
    for name in ("fsspec", "safetensors", "safetensors.torch"):
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["safetensors.torch"].load_file = None

    class SDPBackend(enum.Enum):
        MATH = 0
        FLASH_ATTENTION = 1
        EFFICIENT_ATTENTION = 2

    def attention(q, k, v, attn_mask=None):
        assert attn_mask is None
        return ((q @ k.transpose(-1, -2)) * q.shape[-1] ** -0.5).softmax(-1) @ v

    if not hasattr(F, "scaled_dot_product_attention"):
        torch.backends.cuda.SDPBackend = SDPBackend
        torch.backends.cuda.sdp_kernel = lambda **kw: contextlib.nullcontext()
        F.scaled_dot_product_attention = attention
    for name in ("sgm", "sgm.modules", "sgm.modules.diffusionmodules"):
        pkg = types.ModuleType(name)
        pkg.__path__ = [os.path.join(root, *name.split("."))]
        sys.modules[name] = pkg
    real = torch.__version__
    torch.__version__ = "2.0.0"
    try:
        from sgm.modules.diffusionmodules.openaimodel import UNetModel
    finally:
        torch.__version__ = real
    return UNetModel
