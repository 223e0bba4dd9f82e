r"""High-precision reference values with mpmath, independent of the numpy kernels.

Each activation is written again here in its textbook form, evaluated with
50 significant digits, so it is exact for float64 purposes. The tests use it
to measure actlib's error in ulps, and the numerical-stability chapter uses
it to show what the naive forms lose. Slow (pure Python): for checking, not
for computing.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

from .constants import GELU_CUBIC, SELU_ALPHA_DIGITS, SELU_SCALE_DIGITS
from .registry import get

__all__ = ["accuracy_grid", "worst_ulp_error", "exact", "exact_derivative", "sensitivity", "REFERENCE", "DERIVATIVE_ROOTS"]

ctx = mp.MPContext()
"""The mpmath context every reference value is computed in: 50 significant digits."""
ctx.dps = 50
_SELU_A = ctx.mpf(SELU_ALPHA_DIGITS)
_SELU_L = ctx.mpf(SELU_SCALE_DIGITS)


def _sig(x):
    return 1 / (1 + ctx.exp(-x))


def _softplus(x, beta=1):
    return ctx.log1p(ctx.exp(beta * x)) / beta


def _gelu_tanh_parts(x):
    c = ctx.sqrt(2 / ctx.pi)
    k = ctx.mpf(GELU_CUBIC)  # the float64 constant actlib and PyTorch use
    z = c * (x + k * x**3)
    dz = c * (1 + 3 * k * x**2)
    return z, dz


def _ncdf(x):
    # mpmath's erfc refuses astronomically large arguments; past |x| = 100 the
    # tail is below e^-5000, so 1 (or the first asymptotic term) is exact to 50 digits.
    if x > 100:
        return ctx.mpf(1)
    if x < -100:
        return ctx.npdf(x) / -x
    return ctx.ncdf(x)


def _gelu(x, approximate):
    if approximate:
        z, _ = _gelu_tanh_parts(x)
        return x * _sig(2 * z)  # = x/2 (1 + tanh z), exactly
    return x * _ncdf(x)


def _gelu_d(x, approximate):
    if approximate:
        z, dz = _gelu_tanh_parts(x)
        return _sig(2 * z) + x * 2 * dz * _sig(2 * z) * _sig(-2 * z)
    return _ncdf(x) + x * ctx.npdf(x)


def _mish_d(x):
    sp = _softplus(x)
    return ctx.tanh(sp) + x * ctx.sech(sp) ** 2 * _sig(x)


# name -> (f(x, **params), f'(x, **params)), every parameter required; kinks
# take actlib's documented side. REFERENCE below fills in the defaults.
_FORMS = {
    "identity": (lambda x: x, lambda x: ctx.mpf(1)),
    "binary_step": (lambda x: ctx.mpf(1 if x >= 0 else 0), lambda x: ctx.mpf(0)),
    "sigmoid": (_sig, lambda x: _sig(x) * _sig(-x)),
    "hard_sigmoid": (lambda x: min(max(x + 3, 0), 6) / ctx.mpf(6), lambda x: ctx.mpf(1) / 6 if -3 < x < 3 else ctx.mpf(0)),
    "log_sigmoid": (lambda x: -ctx.log1p(ctx.exp(-x)), lambda x: _sig(-x)),
    "tanh": (ctx.tanh, lambda x: ctx.sech(x) ** 2),
    "hard_tanh": (
        lambda x, min_val, max_val: min(max(x, ctx.mpf(min_val)), ctx.mpf(max_val)),
        lambda x, min_val, max_val: ctx.mpf(1 if min_val < x < max_val else 0),
    ),
    "arctan": (ctx.atan, lambda x: 1 / (1 + x * x)),
    "softsign": (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    "relu": (lambda x: max(x, ctx.mpf(0)), lambda x: ctx.mpf(1 if x > 0 else 0)),
    "relu6": (lambda x: min(max(x, ctx.mpf(0)), ctx.mpf(6)), lambda x: ctx.mpf(1 if 0 < x < 6 else 0)),
    "leaky_relu": (
        lambda x, alpha: x if x > 0 else ctx.mpf(alpha) * x,
        lambda x, alpha: ctx.mpf(1) if x > 0 else ctx.mpf(alpha),
    ),
    "prelu": (
        lambda x, alpha: x if x > 0 else ctx.mpf(alpha) * x,
        lambda x, alpha: ctx.mpf(1) if x > 0 else ctx.mpf(alpha),
    ),
    "elu": (
        lambda x, alpha: x if x > 0 else ctx.mpf(alpha) * ctx.expm1(x),
        lambda x, alpha: ctx.mpf(1) if x > 0 else ctx.mpf(alpha) * ctx.exp(x),
    ),
    "selu": (
        lambda x: _SELU_L * (x if x > 0 else _SELU_A * ctx.expm1(x)),
        lambda x: _SELU_L * (1 if x > 0 else _SELU_A * ctx.exp(x)),
    ),
    "celu": (
        lambda x, alpha: x if x > 0 else ctx.mpf(alpha) * ctx.expm1(x / ctx.mpf(alpha)),
        lambda x, alpha: ctx.mpf(1) if x > 0 else ctx.exp(x / ctx.mpf(alpha)),
    ),
    "softplus": (
        lambda x, beta: _softplus(x, ctx.mpf(beta)),
        lambda x, beta: _sig(ctx.mpf(beta) * x),
    ),
    "silu": (
        lambda x, beta: x * _sig(ctx.mpf(beta) * x),
        lambda x, beta: _sig(ctx.mpf(beta) * x) * (1 + ctx.mpf(beta) * x * _sig(-ctx.mpf(beta) * x)),
    ),
    "hard_swish": (
        lambda x: x * min(max(x + 3, 0), 6) / 6,
        lambda x: ctx.mpf(0) if x <= -3 else ((2 * x + 3) / 6 if x < 3 else ctx.mpf(1)),
    ),
    "gelu": (_gelu, _gelu_d),
    "mish": (lambda x: x * ctx.tanh(_softplus(x)), _mish_d),
}


def _with_defaults(name: str, fn):
    """``fn`` with the parameters it is not given taken from ``actlib.NAME``'s signature."""

    def bound(x, **params):
        return fn(x, **{**get(name).params, **params})

    bound.__name__ = f"{name}_reference"
    return bound


REFERENCE = {name: tuple(_with_defaults(name, fn) for fn in pair) for name, pair in _FORMS.items()}
"""``REFERENCE[name] = (f, f')``: 50-digit mpmath forms of every elementwise activation; parameters default as in actlib."""

# Where f' crosses zero (the minimum of f), for the default parameters.
DERIVATIVE_ROOTS = {
    "silu": -1.2784645427610738,
    "gelu": -0.7517915246935645,
    "mish": -1.1924312145154952,
}


def _as_mpf(x):
    return ctx.mpf(float(x))


def exact(name: str, x, derivative: bool = False, **params) -> np.ndarray:
    """``f(x)`` (or ``f'(x)``) for every element of ``x``, to 50 digits, rounded to float64 at the end."""
    fn = REFERENCE[name][1 if derivative else 0]
    flat = np.asarray(x, dtype=np.float64).ravel()
    out = np.array([float(fn(_as_mpf(v), **params)) for v in flat], dtype=np.float64)
    return out.reshape(np.shape(x))


def exact_derivative(name: str, x, **params) -> np.ndarray:
    """Shorthand for ``exact(name, x, derivative=True, **params)``."""
    return exact(name, x, derivative=True, **params)


def sensitivity(name: str, x: float, derivative: bool = False, **params) -> float:
    r"""``|x g'(x)|`` for g = f (or f'): how much one rounding of the input moves the result, per unit ε.

    At a kink the larger one-sided slope is taken, from points just either
    side of ``x`` (so a jump of ``g`` exactly at ``x`` does not count: the
    input is exact there).
    """
    g = REFERENCE[name][1 if derivative else 0]
    xm = _as_mpf(x)
    delta = ctx.mpf(10) ** -20 * max(1, abs(xm))
    h = ctx.mpf(10) ** -35 * max(1, abs(xm))
    slopes = [abs(ctx.diff(lambda t: g(t, **params), xm + s * delta, h=h)) for s in (-1, 1)]
    return float(abs(xm) * max(slopes))




def accuracy_grid(dtype) -> np.ndarray:
    """Test points: -1e4..1e4 densely near 0, log-spaced magnitudes, and the adversarial points
    (0, subnormals, ±1e-8, the overflow and underflow edges of exp, the band where
    sigmoid is subnormal but x*sigmoid(x) is not, the largest float)."""
    fi = np.finfo(dtype)
    mags = np.geomspace(1e-8, 1e4, 220)
    exp_edges = [np.log(fi.max), np.log(fi.tiny), np.log(fi.smallest_subnormal)]
    special = [
        0.0, fi.smallest_subnormal, fi.tiny, 1e-30, 1e-8, 0.5, 1, 3, 6, 19, 30, 37, 40, 88.7, 700, 708.4,
        *exp_edges, *[e + d for e in exp_edges for d in (-1, -0.01, 0.01, 1)], 1e30, 1e38, 1e300, fi.max,
    ]
    silu_band = np.linspace(-716, -707, 31)  # sigmoid subnormal, x * sigmoid(x) not
    pts = np.concatenate([np.linspace(-20, 20, 321), mags, -mags, special, -np.array(special), silu_band, [-10.0]])
    with np.errstate(over="ignore"):
        pts = pts.astype(dtype)
    return np.unique(pts[np.isfinite(pts)])


def worst_ulp_error(name: str, dtype, derivative: bool = False, **params) -> tuple[float, float]:
    """(worst error in ulps, where) of actlib's ``name`` over :func:`accuracy_grid`, exact values underflowing aside."""
    act = get(name)
    fn = act.derivative if derivative else act
    x = accuracy_grid(dtype)
    y = np.asarray(fn(x, **params)).astype(np.float64)
    g = REFERENCE[name][1 if derivative else 0]
    tiny = float(np.finfo(dtype).tiny)
    worst, where = 0.0, float("nan")
    for xi, yi in zip(x.tolist(), y.tolist()):
        ex = g(ctx.mpf(xi), **params)
        if abs(ex) < tiny or abs(float(ex)) >= float(np.finfo(dtype).max):
            continue
        ulp = float(np.spacing(np.abs(np.float64(float(ex))).astype(dtype)))
        err = float(abs(ctx.mpf(yi) - ex)) / ulp
        if err > worst:
            worst, where = err, xi
    return worst, where
