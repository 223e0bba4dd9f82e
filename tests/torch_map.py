"""The PyTorch counterpart of every actlib activation: one map for the tests and the benchmarks.

``TORCH[name](t, **params)`` for elementwise activations and
``TORCH_VECTOR[name](t, dim, **params)`` for vector ones take every actlib
parameter explicitly (no defaults typed here): callers pass
``{**act.params, **overrides}``. The maps exist without torch installed (each
entry reaches torch only when called), so the test that every registered
activation has a counterpart runs everywhere.

Used by ``tests/test_torch.py``, ``tests/test_vjp.py``, ``tests/test_registry.py``
and ``benchmarks/bench_elementwise.py`` (which puts this folder on its path).
"""

from __future__ import annotations

import numpy as np

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # the maps stay importable; calling an entry needs torch
    torch = F = None


def _prelu(t, alpha):
    # F.prelu takes a weight of shape (1,) or (C,) with C = t.shape[1].
    return F.prelu(t, torch.as_tensor(np.ravel(alpha), dtype=t.dtype))


def _silu(t, beta):
    # nn.SiLU has no beta; swish with beta is x * sigmoid(beta x).
    return F.silu(t) if beta == 1.0 else t * torch.sigmoid(beta * t)


TORCH = {
    "identity": lambda t: torch.nn.Identity()(t),
    "binary_step": lambda t: torch.heaviside(t, torch.ones((), dtype=t.dtype)),
    "sigmoid": lambda t: torch.sigmoid(t),
    "hard_sigmoid": lambda t: F.hardsigmoid(t),
    "log_sigmoid": lambda t: F.logsigmoid(t),
    "tanh": lambda t: torch.tanh(t),
    "hard_tanh": lambda t, min_val, max_val: F.hardtanh(t, min_val, max_val),
    "arctan": lambda t: torch.atan(t),
    "softsign": lambda t: F.softsign(t),
    "relu": lambda t: F.relu(t),
    "relu6": lambda t: F.relu6(t),
    "leaky_relu": lambda t, alpha: F.leaky_relu(t, alpha),
    "prelu": _prelu,
    "elu": lambda t, alpha: F.elu(t, alpha),
    "selu": lambda t: F.selu(t),
    "celu": lambda t, alpha: F.celu(t, alpha),
    "softplus": lambda t, beta: F.softplus(t, beta),  # torch's default threshold=20
    "silu": _silu,
    "hard_swish": lambda t: F.hardswish(t),
    "gelu": lambda t, approximate: F.gelu(t, approximate="tanh" if approximate else "none"),
    "mish": lambda t: F.mish(t),
}


def _maxout(t, dim, pieces):  # no torch builtin
    dim %= t.ndim
    return t.unflatten(dim, (t.shape[dim] // pieces, pieces)).amax(dim + 1)


def _gated(gate):
    def fn(t, dim, **params):
        a, b = t.chunk(2, dim)
        return a * gate(b, **params)

    return fn


TORCH_VECTOR = {
    "softmax": lambda t, dim: F.softmax(t, dim),
    "log_softmax": lambda t, dim: F.log_softmax(t, dim),
    "maxout": _maxout,
    "glu": lambda t, dim: F.glu(t, dim),
    "swiglu": _gated(lambda b: F.silu(b)),
    "geglu": _gated(lambda b, approximate: F.gelu(b, approximate="tanh" if approximate else "none")),
}
