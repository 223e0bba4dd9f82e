r"""Activations that mix elements along an axis: softmax, log-softmax, maxout, and the GLU family.

Each has a forward, a vector-Jacobian product ``vjp(x, g)`` (what backprop
needs), and softmax / log-softmax also a full ``jacobian``. Kernels get the
input in the work dtype with ``axis`` already normalised.
"""

from __future__ import annotations

import math

import numpy as np

from ._base import Range, VectorActivation, all_finite
from .elementwise import gelu, sigmoid, silu

inf = math.inf


def vector_activation(*, vjp, out_size, jacobian=None, params, **meta):
    """Decorator: turn a forward function ``(x, axis=-1, ...)`` into a registered vector activation.

    ``vjp(x, g, axis, **params)`` and ``jacobian(x, axis, **params)`` are
    kernels; ``out_size(fname, n, **params)`` the output length along ``axis``.
    See :class:`~actlib._base.VectorActivation`.
    """

    def build(forward):
        return VectorActivation(forward, vjp, out_size, jacobian, params=params, **meta)

    return build


def _any_size(fname, n, **_):
    return n


def _even_size(fname, n, **_):
    if n % 2:
        raise ValueError(
            f"actlib.{fname}: argument 'x' must have an even size along 'axis' "
            f"(it is split into a value half and a gate half), got {n}"
        )
    return n // 2


def _maxout_size(fname, n, pieces):
    if n % pieces:
        raise ValueError(
            f"actlib.{fname}: argument 'x' has size {n} along 'axis', which is not divisible by pieces={pieces}"
        )
    return n // pieces


# --------------------------------------------------------------------------
# softmax and log-softmax
# --------------------------------------------------------------------------
def _shifted(x, axis):
    """(z, e, rest, top): z = x - max, e = e^z, rest = the sum of e without one maximal entry, top = its index.

    The maximal entry contributes exactly 1, so the normaliser is 1 + rest and
    log(1 + rest) is computed by log1p without losing the small terms.
    Non-finite slices follow the limits: -inf entries get zero weight, the
    +inf entries of a slice share its mass equally, and a slice that is all
    -inf or holds a NaN gives NaN.
    """
    if not all_finite(x):
        x = _limit_inputs(x, axis)
    m = np.max(x, axis=axis, keepdims=True)
    bad = ~np.isfinite(m)  # all -inf, or NaN
    m = np.where(bad, 0, m)
    # x - m is below -max (overflow) only when the exact log-softmax is: IEEE
    # rounds it to -inf, and e^-inf = 0 exactly. (Clipping x at m - 1e4 instead
    # fails for |m| > 1e20, where m - 1e4 rounds to m and every entry ties.)
    with np.errstate(over="ignore"):
        z = x - m
    e = np.exp(z)
    top = np.argmax(x, axis=axis, keepdims=True)
    without_top = e.copy()
    np.put_along_axis(without_top, top, 0, axis=axis)
    rest = np.sum(without_top, axis=axis, keepdims=True)
    if bad.any():
        nan_rows = np.broadcast_to(bad, z.shape)
        z, e = np.where(nan_rows, np.nan, z), np.where(nan_rows, np.nan, e)
        rest = np.where(bad, np.nan, rest)
    return z, e, rest, top


def _limit_inputs(x, axis):
    """Map a slice holding +inf to its limit pattern: +inf -> 0, everything else -> -inf."""
    pos = x == np.inf
    has_pos = np.any(pos, axis=axis, keepdims=True)
    return np.where(has_pos, np.where(pos, 0.0, -np.inf), x).astype(x.dtype)


def _softmax_forward(x, axis):
    _, e, rest, _ = _shifted(x, axis)
    return e / (1 + rest)


def _one_minus_p(p, rest, top, axis):
    """1 - p without cancellation: for the top entry it is rest / (1 + rest)."""
    q = 1 - p
    np.put_along_axis(q, top, rest / (1 + rest), axis=axis)
    return q


def _softmax_vjp(x, g, axis):
    p = _softmax_forward(x, axis)
    return p * (g - np.sum(g * p, axis=axis, keepdims=True))


def _square_jacobian(x, axis, build):
    """Move ``axis`` last, let ``build(xt)`` return (..., n, n), and move the row axis back."""
    xt = np.moveaxis(x, axis, -1)
    jac = build(xt)
    return np.moveaxis(jac, -2, axis)


def _softmax_jacobian(x, axis):
    def build(xt):
        _, e, rest, top = _shifted(xt, -1)
        p = e / (1 + rest)
        q = _one_minus_p(p, rest, top, -1)
        jac = -p[..., :, None] * p[..., None, :]
        idx = np.arange(p.shape[-1])
        jac[..., idx, idx] = p * q  # p_i (1 - p_i), with 1 - p_i exact for the top entry
        return jac

    return _square_jacobian(x, axis, build)


@vector_activation(
    vjp=_softmax_vjp,
    jacobian=_softmax_jacobian,
    out_size=_any_size,
    params={"axis": "axis"},
    formula=r"\operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}} = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}},\quad m = \max_j x_j",
    derivative_formula=r"\frac{\partial\,\operatorname{softmax}_i}{\partial x_j} = p_i(\delta_{ij} - p_j), \qquad (g^\top J)_j = p_j\Big(g_j - \sum_i g_i p_i\Big)",
    output_range=Range(0, 1),
    monotonic=True, zero_centered=False, smooth=True,
    cost="n exp + sum + divide", use="multi-class output layer; attention weights",
)
def softmax(x, axis=-1):
    r"""Softmax along ``axis``.

    Each slice along ``axis`` becomes a probability vector summing to 1.
    Evaluated with :math:`m` the maximum **of each slice** (a global maximum, or
    summing over the wrong axis, is the classic batch bug).
    ``softmax.vjp(x, g)`` returns :math:`p \odot (g - \langle g, p\rangle)`
    without forming the Jacobian; ``softmax.jacobian(x)`` forms it.
    ``monotonic=True`` means each :math:`p_i` increases with its own :math:`x_i`.
    Limits: ``-inf`` entries get probability 0; the ``+inf`` entries of a slice
    share it equally; an all ``-inf`` slice gives NaN. PyTorch ``F.softmax(x,
    dim)``; JAX ``jax.nn.softmax(x, axis=-1)``; scipy ``scipy.special.softmax``.
    """
    return _softmax_forward(x, axis)


def _log_softmax_forward(x, axis):
    z, _, rest, _ = _shifted(x, axis)
    return z - np.log1p(rest)


def _log_softmax_vjp(x, g, axis):
    p = _softmax_forward(x, axis)
    return g - p * np.sum(g, axis=axis, keepdims=True)


def _log_softmax_jacobian(x, axis):
    def build(xt):
        _, e, rest, top = _shifted(xt, -1)
        p = e / (1 + rest)
        q = _one_minus_p(p, rest, top, -1)
        n = p.shape[-1]
        jac = np.broadcast_to(-p[..., None, :], p.shape + (n,)).copy()
        idx = np.arange(n)
        jac[..., idx, idx] = q
        return jac

    return _square_jacobian(x, axis, build)


@vector_activation(
    vjp=_log_softmax_vjp,
    jacobian=_log_softmax_jacobian,
    out_size=_any_size,
    params={"axis": "axis"},
    formula=r"\operatorname{log\_softmax}(x)_i = x_i - \log\sum_j e^{x_j} = (x_i - m) - \log\!\Big(1 + \sum_{j \ne j^*} e^{x_j - m}\Big)",
    derivative_formula=r"\frac{\partial\,\operatorname{log\_softmax}_i}{\partial x_j} = \delta_{ij} - p_j, \qquad (g^\top J)_j = g_j - p_j \sum_i g_i",
    output_range=Range(-inf, 0, closed=(False, True)),
    monotonic=True, zero_centered=False, smooth=True,
    cost="n exp + sum + log1p", use="with negative log-likelihood: stable cross-entropy",
)
def log_softmax(x, axis=-1):
    r"""Log-softmax along ``axis``.

    Evaluated in the second form above, where :math:`j^*` is the arg-max: the
    largest term is exactly 1, so the small ones survive (``log(softmax(x))``
    returns 0 for ``[0, -100]``, where the true value is
    :math:`-3.7\times10^{-44}`). ``log_softmax.vjp(x, g)`` returns
    :math:`g - p\sum_i g_i`. Non-finite input follows the same limits as
    :func:`softmax`. PyTorch ``F.log_softmax``; JAX ``jax.nn.log_softmax``;
    scipy ``scipy.special.log_softmax``.
    """
    return _log_softmax_forward(x, axis)


# --------------------------------------------------------------------------
# maxout
# --------------------------------------------------------------------------
def _grouped(x, axis, pieces):
    """View x as (..., k, pieces) with the grouped axis last."""
    xt = np.moveaxis(x, axis, -1)
    return xt.reshape(xt.shape[:-1] + (xt.shape[-1] // pieces, pieces))


def _maxout_forward(x, axis, pieces):
    return np.moveaxis(np.max(_grouped(x, axis, pieces), axis=-1), -1, axis)


def _maxout_vjp(x, g, axis, pieces):
    groups = _grouped(x, axis, pieces)
    winner = np.argmax(groups, axis=-1)[..., None]  # ties: the first maximal piece
    gt = np.moveaxis(g, axis, -1)[..., None]
    grad = np.zeros_like(groups)
    np.put_along_axis(grad, winner, gt, axis=-1)
    grad = grad.reshape(grad.shape[:-2] + (grad.shape[-2] * pieces,))  # not -1: an empty batch has no size to infer
    return np.moveaxis(grad, -1, axis)


@vector_activation(
    vjp=_maxout_vjp,
    out_size=_maxout_size,
    params={"pieces": "count", "axis": "axis"},
    formula=r"\operatorname{maxout}(x)_i = \max_{0 \le k < K} x_{iK + k}, \quad K = \text{pieces}",
    derivative_formula=r"\frac{\partial\,\operatorname{maxout}_i}{\partial x_{iK+k}} = \begin{cases} 1 & k = \operatorname{argmax}_{k'} x_{iK + k'} \text{ (first one on ties)} \\ 0 & \text{otherwise} \end{cases}",
    output_range=Range(-inf, inf),
    monotonic=True, zero_centered=False, smooth=False,
    cost="n comparisons", use="learned piecewise-linear activation (maxout networks, with dropout)",
    upcast=False,
)
def maxout(x, pieces, axis=-1):
    r"""Maxout: the maximum over consecutive groups of ``pieces`` entries along ``axis``.

    An input of size :math:`n = kK` along ``axis`` gives an output of size
    :math:`k`. Fed with :math:`K` linear maps of the same input, this learns a
    convex piecewise-linear activation (Goodfellow et al., 2013); ReLU is maxout
    of :math:`(0, x)`. The gradient flows only to the winning piece, the first
    one on ties. A size not divisible by ``pieces`` raises ValueError. Not built
    into PyTorch or JAX.
    """
    return _maxout_forward(x, axis, pieces)


# --------------------------------------------------------------------------
# Gated linear units: value half times a gate of the other half
# --------------------------------------------------------------------------
def _halves(x, axis):
    return np.split(x, 2, axis=axis)


def _gated(gate, gate_params=None):
    gate_params = gate_params or (lambda p: {})

    def forward(x, axis, **p):
        a, b = _halves(x, axis)
        # inf * 0 (an infinite value times a closed gate) is NaN by IEEE rules:
        # the limit is undefined, so the NaN is the answer, not a warning; and a
        # product of finite numbers overflows only when its exact value does.
        with np.errstate(invalid="ignore", over="ignore"):
            return a * gate(b, **gate_params(p))

    def vjp(x, g, axis, **p):
        a, b = _halves(x, axis)
        with np.errstate(invalid="ignore", over="ignore"):
            da = g * gate(b, **gate_params(p))
            db = g * a * gate.derivative(b, **gate_params(p))
        return np.concatenate([da, db], axis=axis)

    return forward, vjp


_glu_fwd, _glu_vjp = _gated(sigmoid)
@vector_activation(
    vjp=_glu_vjp,
    out_size=_even_size,
    params={"axis": "axis"},
    formula=r"\operatorname{GLU}(a \,\|\, b) = a \odot \sigma(b)",
    derivative_formula=r"\frac{\partial y}{\partial a} = \sigma(b), \qquad \frac{\partial y}{\partial b} = a\,\sigma(b)\,\sigma(-b)",
    output_range=Range(-inf, inf),
    monotonic=False, zero_centered=True, smooth=True,
    cost="n/2 exp + multiply", use="gated convolutions (language models, WaveNet-style)",
)
def glu(x, axis=-1):
    r"""Gated linear unit: ``x`` split in two halves along ``axis``, the value :math:`a` and the gate :math:`b`.

    Value first, gate second, as in PyTorch's ``F.glu(x, dim)`` (Dauphin et
    al., 2017); the output has half the size along ``axis``. An odd size raises
    ValueError. ``zero_centered=True``: for independent zero-mean halves the
    output has mean zero.
    """
    return _glu_fwd(x, axis)

_swiglu_fwd, _swiglu_vjp = _gated(silu)
@vector_activation(
    vjp=_swiglu_vjp,
    out_size=_even_size,
    params={"axis": "axis"},
    formula=r"\operatorname{SwiGLU}(a \,\|\, b) = a \odot \operatorname{SiLU}(b) = a \odot b\,\sigma(b)",
    derivative_formula=r"\frac{\partial y}{\partial a} = \operatorname{SiLU}(b), \qquad \frac{\partial y}{\partial b} = a\,\sigma(b)\big(1 + b\,\sigma(-b)\big)",
    output_range=Range(-inf, inf),
    monotonic=False, zero_centered=True, smooth=True,
    cost="n/2 exp + 2 multiplies", use="transformer feed-forward blocks (PaLM, LLaMA)",
)
def swiglu(x, axis=-1):
    r"""SwiGLU: a gated linear unit with a SiLU gate.

    Same split as :func:`glu` (value first, gate second) with a SiLU gate
    (Shazeer, 2020). In a transformer block the halves are two projections of
    the same input, :math:`xW` and :math:`xV`; stacking them as ``[xW, xV]``
    gives exactly this. Libraries differ on which half is gated: check before
    porting weights.
    """
    return _swiglu_fwd(x, axis)

_geglu_fwd, _geglu_vjp = _gated(gelu, lambda p: {"approximate": p["approximate"]})
@vector_activation(
    vjp=_geglu_vjp,
    out_size=_even_size,
    params={"axis": "axis", "approximate": "bool"},
    formula=r"\operatorname{GeGLU}(a \,\|\, b) = a \odot \operatorname{GELU}(b)",
    derivative_formula=r"\frac{\partial y}{\partial a} = \operatorname{GELU}(b), \qquad \frac{\partial y}{\partial b} = a\,\big(\Phi(b) + b\,\varphi(b)\big)",
    output_range=Range(-inf, inf),
    monotonic=False, zero_centered=True, smooth=True,
    cost="n/2 erf + multiply", use="transformer feed-forward blocks (T5 v1.1)",
)
def geglu(x, axis=-1, approximate=False):
    r"""GeGLU: a gated linear unit with a GELU gate.

    Same split as :func:`glu` (value first, gate second) with a GELU gate
    (Shazeer, 2020); ``approximate`` selects GELU's tanh form.
    """
    return _geglu_fwd(x, axis, approximate=approximate)
