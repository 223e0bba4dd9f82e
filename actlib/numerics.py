r"""Tools for the numerical-stability lessons: ulp errors and the naive textbook forms.

The naive forms are what articles and first attempts write. They are kept
here, next to the stable ones, so a chapter can show where they break and a
benchmark can time them; none of them is used by the activations.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
from scipy import special

from .constants import GELU_CUBIC, SELU_ALPHA, SELU_SCALE
from .registry import get

__all__ = ["ulp", "ulp_error", "ulp_errors", "naive", "NAIVE", "overflow_threshold"]


def ulp(value, dtype=np.float64) -> np.ndarray:
    r"""Unit in the last place of ``value`` rounded to ``dtype``: the gap to the next float away from 0.

    :math:`\operatorname{ulp}(0)` is the smallest subnormal number.
    """
    v = np.abs(np.asarray(value, dtype=np.float64)).astype(dtype)
    return np.spacing(v).astype(np.float64)


def ulp_error(computed, exact, dtype=None) -> np.ndarray:
    r""":math:`|\text{computed} - \text{exact}| / \operatorname{ulp}(\text{exact})` in the dtype of ``computed``.

    ``exact`` may be float64 or an array of Python/mpmath numbers converted
    to float64; both infinite and equal counts as 0, a NaN mismatch as inf.
    """
    computed = np.asarray(computed)
    dtype = np.dtype(dtype or computed.dtype)
    c = computed.astype(np.float64)
    e = np.asarray(exact, dtype=np.float64)
    with np.errstate(invalid="ignore"):  # inf - inf: handled just below
        err = np.abs(c - e) / ulp(e, dtype)
    same = (c == e) | (np.isnan(c) & np.isnan(e))
    return np.where(same, 0.0, np.where(np.isnan(err), np.inf, err))


def overflow_threshold(dtype=np.float64) -> float:
    r"""The largest :math:`x` with :math:`e^{x}` finite in ``dtype``: :math:`\log(\text{max})`, 709.78 in float64 and 88.72 in float32."""
    return float(np.log(np.finfo(dtype).max))


# The naive forms, exactly as textbooks and first attempts write them.
def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softplus(x):
    return np.log(1 + np.exp(x))


_phi = lambda x: np.exp(-x * x / 2) / math.sqrt(2 * math.pi)  # noqa: E731
_gelu_z = lambda x: math.sqrt(2 / math.pi) * (x + GELU_CUBIC * x**3)  # noqa: E731


def _gelu(x, approximate):
    if approximate:
        return 0.5 * x * (1 + np.tanh(_gelu_z(x)))
    return 0.5 * x * (1 + special.erf(x / math.sqrt(2)))


def _gelu_derivative(x, approximate):
    if approximate:
        t = np.tanh(_gelu_z(x))
        return 0.5 * (1 + t) + 0.5 * x * (1 - t**2) * math.sqrt(2 / math.pi) * (1 + 3 * GELU_CUBIC * x**2)
    return 0.5 * (1 + special.erf(x / math.sqrt(2))) + x * _phi(x)


# name -> (forward, derivative), every parameter required: NAIVE below takes
# the defaults from the activation itself.
_FORMS = {
    "identity": (lambda x: x, lambda x: np.ones_like(x)),
    "binary_step": (lambda x: np.where(x >= 0, 1.0, 0.0), lambda x: np.zeros_like(x)),
    "sigmoid": (_sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    "hard_sigmoid": (lambda x: np.minimum(np.maximum(x + 3, 0), 6) / 6, lambda x: np.where(np.abs(x) < 3, 1 / 6, 0.0)),
    "log_sigmoid": (lambda x: np.log(_sigmoid(x)), lambda x: 1 - _sigmoid(x)),
    "tanh": (lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), lambda x: 1 - np.tanh(x) ** 2),
    "hard_tanh": (
        lambda x, min_val, max_val: np.minimum(np.maximum(x, min_val), max_val),
        lambda x, min_val, max_val: np.where((x > min_val) & (x < max_val), 1.0, 0.0),
    ),
    "arctan": (np.arctan, lambda x: 1 / (1 + x**2)),
    "softsign": (lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2),
    "relu": (lambda x: np.maximum(x, 0), lambda x: np.where(x > 0, 1.0, 0.0)),
    "relu6": (lambda x: np.minimum(np.maximum(x, 0), 6), lambda x: np.where((x > 0) & (x < 6), 1.0, 0.0)),
    "leaky_relu": (lambda x, alpha: np.maximum(alpha * x, x), lambda x, alpha: np.where(x > 0, 1.0, alpha)),
    "prelu": (lambda x, alpha: np.maximum(alpha * x, x), lambda x, alpha: np.where(x > 0, 1.0, alpha)),
    "elu": (
        lambda x, alpha: np.where(x > 0, x, alpha * (np.exp(x) - 1)),
        lambda x, alpha: np.where(x > 0, 1.0, alpha * np.exp(x)),
    ),
    "selu": (
        lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * (np.exp(x) - 1)),
        lambda x: SELU_SCALE * np.where(x > 0, 1.0, SELU_ALPHA * np.exp(x)),
    ),
    "celu": (
        lambda x, alpha: np.maximum(0, x) + np.minimum(0, alpha * (np.exp(x / alpha) - 1)),
        lambda x, alpha: np.where(x > 0, 1.0, np.exp(x / alpha)),
    ),
    "softplus": (lambda x, beta: np.log(1 + np.exp(beta * x)) / beta, lambda x, beta: _sigmoid(beta * x)),
    "silu": (
        lambda x, beta: x * _sigmoid(beta * x),
        lambda x, beta: _sigmoid(beta * x) * (1 + beta * x * (1 - _sigmoid(beta * x))),
    ),
    "hard_swish": (lambda x: x * np.minimum(np.maximum(x + 3, 0), 6) / 6, lambda x: np.where(x <= -3, 0.0, np.where(x < 3, x / 3 + 0.5, 1.0))),
    "gelu": (_gelu, _gelu_derivative),
    "mish": (
        lambda x: x * np.tanh(_softplus(x)),
        lambda x: np.tanh(_softplus(x)) + x * (1 - np.tanh(_softplus(x)) ** 2) * _sigmoid(x),
    ),
}


def _with_defaults(name: str, fn):
    """``fn`` with the parameters it is not given taken from ``actlib.NAME``'s signature."""

    def bound(x, **params):
        return fn(x, **{**get(name).params, **params})

    bound.__name__ = f"naive_{name}"
    return bound


NAIVE = {name: tuple(_with_defaults(name, fn) for fn in pair) for name, pair in _FORMS.items()}
"""``NAIVE[name] = (forward, derivative)``: the textbook form of every elementwise activation, parameters defaulting as in actlib."""


def _python_loop(fn, x):
    """Apply a scalar Python function element by element, as ``list(map(fn, x))`` does: the slow way."""
    x = np.asarray(x, dtype=float)
    return np.array(list(map(fn, x.ravel())), dtype=float).reshape(x.shape)


def _relu_derivative_scalar(v):
    """The if-chain derivative of first attempts: one number at a time, and no branch for NaN."""
    if v <= 0:
        return 0
    if v > 0:
        return 1
    return None  # NaN fails both tests and falls through


naive = SimpleNamespace(
    **{name: fwd for name, (fwd, _) in NAIVE.items()},
    **{f"{name}_derivative": der for name, (_, der) in NAIVE.items()},
    gelu_tanh=lambda x: _gelu(x, approximate=True),
    log_softmax=lambda x, axis=-1: np.log(np.exp(x) / np.sum(np.exp(x), axis=axis, keepdims=True)),
    softmax=lambda x, axis=-1: np.exp(x) / np.sum(np.exp(x), axis=axis, keepdims=True),
    relu_scalar=lambda v: max(v, 0),  # Python's max: one number at a time
    relu_derivative_scalar=_relu_derivative_scalar,
    python_loop=_python_loop,
)
"""The naive forms by name: ``naive.sigmoid(x)``, ``naive.sigmoid_derivative(x)``, ``naive.softmax(x)`` ..."""


def ulp_errors(name: str, dtype, x, derivative: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""``(x, naive, stable)``: the errors in ulps of ``dtype`` of the naive form and of actlib's ``name`` (or its derivative).

    ``x`` is rounded to ``dtype`` (non-finite points and duplicates dropped,
    sorted) and returned as float64; both forms run in ``dtype`` on it, and
    each error is :func:`ulp_error` against the 50-digit
    :func:`actlib.reference.exact` value, :math:`|\hat f - f| / \operatorname{ulp}(f)`
    (inf where a form returns inf or NaN for a finite exact value). Inputs
    whose exact value is below the smallest normal number of ``dtype`` are
    left out, as in :func:`actlib.reference.worst_ulp_error`: a subnormal has
    fewer significant digits, so its ulps do not measure a formula. The
    naive forms overflow and divide by inf without a warning here: that is
    what the errors show.
    """
    from .reference import exact

    if name not in NAIVE:
        raise ValueError(f"actlib.numerics.ulp_errors: argument 'name' must have a naive form in NAIVE, got {name!r}")
    xs = np.unique(np.asarray(x, dtype=np.float64).astype(dtype))
    xs = xs[np.isfinite(xs)]
    act = get(name)
    truth = exact(name, xs, derivative=derivative)
    normal = np.abs(truth) >= np.finfo(dtype).tiny
    xs, truth = xs[normal], truth[normal]
    with np.errstate(all="ignore"):  # e^800 = inf and inf / inf = NaN are the naive forms' failures, measured below
        naive_out = np.asarray(NAIVE[name][1 if derivative else 0](xs), dtype=dtype)
    stable_out = np.asarray((act.derivative if derivative else act)(xs), dtype=dtype)
    return xs.astype(np.float64), ulp_error(naive_out, truth, dtype=dtype), ulp_error(stable_out, truth, dtype=dtype)
