r"""Elementwise activations: one short definition each.

Every kernel below receives finite input in the work dtype (see ``_base``)
and must neither overflow nor warn there; infinities and NaN are handled
once, in :class:`~actlib._base.ElementwiseActivation`, from the ``limits``.
Definitions and defaults follow PyTorch; each docstring says where JAX or
Keras differ and which one-sided value the derivative takes at a kink.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from ._base import ElementwiseActivation, Range
from .constants import GELU_CUBIC, SELU_ALPHA, SELU_SCALE

inf = math.inf

# Past these arguments exp() has underflowed to 0 in any work dtype we use
# (float32: e^-104, float64: e^-745), so clipping there changes no result.
_EXP_SATURATES = 1000.0
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def activation(*, grad, limits, grad_limits, kinks, params=None, **meta):
    """Decorator: turn a forward kernel (its signature holds the defaults) into a registered activation.

    ``params`` gives each parameter's kind; ``limits``/``grad_limits`` the values
    at ``(-inf, +inf)``; ``kinks`` where the derivative jumps (a tuple, or a
    function of the parameters); ``param_grads`` the partial derivatives of
    the continuous parameters. See :class:`~actlib._base.ElementwiseActivation`.
    """

    def build(forward):
        return ElementwiseActivation(forward, grad, limits, grad_limits, kinks, params=params or {}, **meta)

    return build


def _exp_minus_abs(z):
    """e^{-|z|} <= 1, which cannot overflow; computed in place, in one buffer.

    (The fused kernels below reuse their buffers: about 8 % faster on a
    cache-sized block than a fresh array per operation; benchmarks/README.md.)
    """
    e = np.abs(z)
    np.negative(e, out=e)
    return np.exp(e, out=e)


def _logistic_parts(z):
    """(e, r) = (e^{-|z|}, 1 / (1 + e^{-|z|})), the pieces of sigma(z) and sigma'(z); see sigmoid.

    sigma(z) = r e^{min(z, 0)} = r max(e, [z >= 0]), sigma(-z) = r max(e, [z <= 0]),
    and sigma(z) sigma(-z) = e r^2, all from one exponential that cannot overflow.
    """
    e = _exp_minus_abs(z)
    r = e + 1
    return e, np.divide(1, r, out=r)


def _sigmoid_parts(w):
    """(e, s, a) = (e^{-|w|}, 1 + e, e^{min(w, 0)}): sigma(w) = a / s, sigma(w) sigma(-w) = e / s^2."""
    e = _exp_minus_abs(w)
    return e, e + 1, np.maximum(e, w >= 0)


def _x_sigmoid_grad(w, x_dw, e, s, a, out=None):
    r"""f' for f = x sigma(w(x)), given w, x w' and the parts of sigma(w); consumes e, s and a.

    f' = sigma(w) + x w' sigma(w) sigma(-w) = (a^2 + e (1 + x w')) / s^2.
    For w < 0 (so a = e) that is e ((1 + x w') + e) / s^2: for SiLU
    (w = x w' = z) 1 + z is exact for -2 <= z <= -1/2, around the root (Sterbenz), so only
    the true cancellation at the root is left, and float32 keeps its
    accuracy bound computed in float32. The textbook
    sigma + x w' sigma sigma(-w) doubles the exponential's error there
    (benchmarks/float32_native.py: for SiLU, 39 of a million points off by up to 6.7 ulp).
    """
    d = np.add(x_dw, 1, out=out)  # computed in the result's own memory where there is one
    d *= e
    np.square(a, out=a)
    d += a
    np.square(s, out=s)
    d /= s
    return d


def _x_sigmoid_value_and_grad(x, w, x_dw, out=(None, None)):
    """(x sigma(w), its derivative), given w(x) and x w'(x); see _x_sigmoid_grad."""
    e, s, a = _sigmoid_parts(w)
    value = np.divide(a, s, out=out[0])  # sigma(w), then x sigma(w), in the result's memory
    value *= x
    return value, _x_sigmoid_grad(w, x_dw, e, s, a, out=out[1])


def _expit(z):
    """Logistic sigmoid sigma(z) = 1 / (1 + e^{-z}), accurate to the last bit of its subnormals."""
    e, r = _logistic_parts(z)
    return r * np.maximum(e, z >= 0)


def _constant(lo, hi):
    return lambda **_: (lo, hi)


# --------------------------------------------------------------------------
# Linear and step
# --------------------------------------------------------------------------
def _identity_grad(x, out=None):
    return np.clip(x, 1, 1, out=out)  # 1 everywhere; clip keeps NaN as NaN, so no scan is needed


@activation(
    grad=_identity_grad,
    limits=_constant(-inf, inf),
    kinks=(),
    grad_limits=_constant(1.0, 1.0),
    formula=r"f(x) = x",
    derivative_formula=r"f'(x) = 1",
    output_range=Range(-inf, inf),
    monotonic=True, zero_centered=True, smooth=True,
    cost="free", use="output layer for regression", upcast=False, handles_nonfinite=("forward", "derivative", "both"),
    aliases=("linear",),
)
def identity(x):
    r"""Identity (linear) activation.

    Stacking layers with this activation collapses them into one linear map;
    its place is the output layer of a regression model. Also available as
    ``actlib.linear``. PyTorch: ``nn.Identity``; Keras: ``activation="linear"``.
    """
    return x.copy()


@identity.value_and_grad_kernel
def _identity_value_and_grad(x, out=(None, None)):
    return np.positive(x, out=out[0]), _identity_grad(x, out=out[1])


@activation(
    grad=lambda x: np.zeros_like(x),
    limits=_constant(0.0, 1.0),
    kinks=(0.0,),
    grad_limits=_constant(0.0, 0.0),
    formula=r"f(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}",
    derivative_formula=r"f'(x) = 0 \quad (x \ne 0;\ \text{undefined at } 0, \text{ returned as } 0)",
    output_range=Range(0, 1, closed=(True, True)),
    monotonic=True, zero_centered=False, smooth=False,
    cost="one comparison", use="perceptron history; not trainable by gradients", upcast=False,
)
def binary_step(x):
    r"""Binary (Heaviside) step.

    It takes only the values 0 and 1. The derivative is 0 wherever it exists; at
    the jump it is undefined and returned as 0, which is why a network of steps
    cannot be trained by gradient descent. ``step(0) = 1`` as in
    ``numpy.heaviside(x, 1)``; PyTorch's ``torch.heaviside`` asks for the value
    at 0.
    """
    return (x >= 0).astype(x.dtype)


# --------------------------------------------------------------------------
# Sigmoid family
# --------------------------------------------------------------------------
def _sigmoid_grad_from_parts(e, r, out=None):
    # sigma(x) sigma(-x) = e^{-|x|} / (1 + e^{-|x|})^2: no 1 - sigma to cancel.
    d = np.multiply(e, r, out=out)
    d *= r
    return d


def _sigmoid_grad(x, out=None):
    return _sigmoid_grad_from_parts(*_logistic_parts(x), out=out)


@activation(
    grad=_sigmoid_grad,
    limits=_constant(0.0, 1.0),
    kinks=(),
    grad_limits=_constant(0.0, 0.0),
    formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    derivative_formula=r"\sigma'(x) = \sigma(x)\,\sigma(-x) = \sigma(x)\,(1 - \sigma(x))",
    output_range=Range(0, 1),
    monotonic=True, zero_centered=False, smooth=True,
    cost="1 exp", use="binary-classification output; gates in LSTM/GRU", upcast=False,
    handles_nonfinite=("forward", "derivative", "both"),
)
def sigmoid(x):
    r"""Logistic sigmoid.

    The derivative is at most 1/4 (at 0). Stable form: with
    :math:`e = e^{-|x|} \le 1`, which never overflows, :math:`\sigma(x) = 1/(1+e)`
    for :math:`x \ge 0` and :math:`e/(1+e)` for :math:`x < 0`; the derivative
    is :math:`\sigma(x)\sigma(-x) = e/(1+e)^2`, because the textbook
    :math:`\sigma(1-\sigma)` rounds to 0 once :math:`\sigma(x)` rounds to 1
    (x > 37 in float64). Same in PyTorch, JAX and Keras.
    """
    e = np.exp(-np.abs(x))  # e^{-|x|} <= 1: no overflow for any x
    numerator = np.maximum(e, x >= 0)  # e^{min(x, 0)}: 1 for x >= 0, e^x below
    return numerator / (1 + e)


@sigmoid.value_and_grad_kernel
def _sigmoid_value_and_grad(x, out=(None, None)):
    e, r = _logistic_parts(x)
    value = np.maximum(e, x >= 0, out=out[0])  # e^{min(x, 0)}, then sigma(x), in the result's memory
    value *= r
    return value, _sigmoid_grad_from_parts(e, r, out[1])


def _hard_sigmoid_grad(x):
    return ((x > -3) & (x < 3)) * x.dtype.type(1 / 6)


@activation(
    grad=_hard_sigmoid_grad,
    limits=_constant(0.0, 1.0),
    kinks=(-3.0, 3.0),
    grad_limits=_constant(0.0, 0.0),
    formula=r"f(x) = \frac{\operatorname{ReLU6}(x + 3)}{6} = \min\!\left(\max\!\left(\frac{x + 3}{6}, 0\right), 1\right)",
    derivative_formula=r"f'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
    output_range=Range(0, 1, closed=(True, True)),
    monotonic=True, zero_centered=False, smooth=False,
    cost="add, clip, divide", use="cheap gate on mobile networks (MobileNetV3)", upcast=False, handles_nonfinite=("forward",),
)
def hard_sigmoid(x):
    r"""Hard sigmoid, a piecewise-linear stand-in for the sigmoid.

    At the kinks :math:`x = \pm 3` the derivative is 0 (the value outside the
    ramp), as in PyTorch's ``nn.Hardsigmoid``. JAX's ``jax.nn.hard_sigmoid``
    agrees; Keras 2 used :math:`\operatorname{clip}(0.2x + 0.5, 0, 1)`.
    """
    return np.clip(x + 3, 0, 6) / 6


@activation(
    grad=lambda x: _expit(-x),
    limits=_constant(-inf, 0.0),
    kinks=(),
    grad_limits=_constant(1.0, 0.0),
    formula=r"f(x) = \log \sigma(x) = -\log(1 + e^{-x})",
    derivative_formula=r"f'(x) = \sigma(-x) = 1 - \sigma(x)",
    output_range=Range(-inf, 0),
    monotonic=True, zero_centered=False, smooth=True,
    cost="1 exp + 1 log", use="log-likelihoods of binary outcomes (stable BCE)", upcast=False,
    handles_nonfinite=("forward", "derivative", "both"),
)
def log_sigmoid(x):
    r"""Log of the sigmoid, :math:`-\operatorname{softplus}(-x)`.

    Computed as :math:`\min(x, 0) - \log(1 + e^{-|x|})`, as
    ``scipy.special.log_expit`` and PyTorch do, never as ``log(sigmoid(x))``,
    which is ``-inf`` once :math:`\sigma(x)` underflows (x < -745 in float64).
    PyTorch: ``F.logsigmoid``; JAX: ``jax.nn.log_sigmoid``.
    """
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))  # the exponent is never positive


@log_sigmoid.value_and_grad_kernel
def _log_sigmoid_value_and_grad(x, out=(None, None)):
    e, r = _logistic_parts(x)
    value = np.subtract(np.minimum(x, 0), np.log1p(e), out=out[0])
    return value, np.multiply(r, np.maximum(e, x <= 0), out=out[1])  # sigma(-x) = e^{min(-x, 0)} / (1 + e)


# --------------------------------------------------------------------------
# Odd, saturating functions
# --------------------------------------------------------------------------
def _tanh_grad(x, out=None):
    # sech^2 x = 4t / (1 + t)^2 with t = e^{-2|x|} <= 1: 1 - tanh(x)^2 cancels
    # to 0 for |x| > 19 while the true value is still ~1e-16.
    t = np.abs(x)
    with np.errstate(over="ignore"):  # -2|x| is -inf for huge x, and e^-inf = 0 is exact
        t *= -2
    np.exp(t, out=t)
    d = np.add(t, 1, out=out)
    np.square(d, out=d)
    t *= 4
    return np.divide(t, d, out=d)


@activation(
    grad=_tanh_grad,
    limits=_constant(-1.0, 1.0),
    kinks=(),
    grad_limits=_constant(0.0, 0.0),
    formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1",
    derivative_formula=r"\tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x) = \frac{4e^{-2|x|}}{(1 + e^{-2|x|})^2}",
    output_range=Range(-1, 1),
    monotonic=True, zero_centered=True, smooth=True,
    cost="1 exp (tanh)", use="RNN/LSTM hidden state; zero-centred hidden layers", upcast=False,
    handles_nonfinite=("forward", "derivative", "both"),
)
def tanh(x):
    r"""Hyperbolic tangent.

    Odd and zero-centred; the derivative is at most 1 (at 0). It is evaluated as
    :math:`4e^{-2|x|}/(1+e^{-2|x|})^2`, which keeps full relative accuracy in
    the tails where :math:`1 - \tanh^2 x` cancels to 0. Same in all frameworks.
    """
    return np.tanh(x)


@tanh.value_and_grad_kernel
def _tanh_value_and_grad(x, out=(None, None)):
    return np.tanh(x, out=out[0]), _tanh_grad(x, out=out[1])


def _hard_tanh_grad(x, min_val, max_val):
    return ((x > min_val) & (x < max_val)).astype(x.dtype)


def _hard_tanh_grad_min(x, min_val, max_val):
    # f = min_val on x <= min_val; at the kink too, so that the three partials
    # sum to 1 (shifting x, min_val and max_val together shifts f).
    return (x <= min_val).astype(x.dtype)


def _hard_tanh_grad_max(x, min_val, max_val):
    return (x >= max_val).astype(x.dtype)


def _check_hard_tanh(fname, min_val, max_val):
    if not min_val < max_val:
        raise ValueError(f"actlib.{fname}: argument 'min_val' ({min_val}) must be less than 'max_val' ({max_val})")


@activation(
    params={"min_val": "real", "max_val": "real"},
    check=_check_hard_tanh,
    grad=_hard_tanh_grad,
    param_grads={
        "min_val": (_hard_tanh_grad_min, _constant(1.0, 0.0)),
        "max_val": (_hard_tanh_grad_max, _constant(0.0, 1.0)),
    },
    limits=lambda min_val, max_val: (min_val, max_val),
    kinks=lambda min_val, max_val: (min_val, max_val),
    grad_limits=_constant(0.0, 0.0),
    formula=r"f(x) = \min(\max(x, a), b), \quad a = \mathrm{min\_val},\ b = \mathrm{max\_val}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & a < x < b \\ 0 & \text{otherwise} \end{cases}",
    output_range=Range(-1, 1, closed=(True, True)),
    monotonic=True, zero_centered=True, smooth=False,
    cost="one clip", use="cheap bounded activation; quantised networks", upcast=False, handles_nonfinite=("forward",),
)
def hard_tanh(x, min_val=-1.0, max_val=1.0):
    r"""Hard tanh: ``x`` clipped to ``[min_val, max_val]``.

    The defaults are PyTorch's (``nn.Hardtanh``). The derivative is 0 at both
    kinks, as in PyTorch. ``min_val >= max_val`` raises ValueError. Both bounds
    are continuous parameters: ``param_vjp`` gives their gradients (1 where
    ``x`` is at or beyond the bound).
    """
    return np.clip(x, min_val, max_val)


def _arctan_grad(x):
    # 1 / (1 + x^2) without overflowing x^2: below `big` (a power of 2 whose
    # square is finite) scale = 1 exactly and this is the textbook formula;
    # above it 1 + big^2 == big^2, so scale^2 / big^2 = 1/x^2, subnormals included.
    a = np.abs(x)
    big = x.dtype.type(2.0 ** (np.finfo(x.dtype).maxexp // 2 - 2))
    s = np.minimum(a, big)
    scale = big / np.maximum(a, big)
    return scale * scale / (1 + s * s)


@activation(
    grad=_arctan_grad,
    limits=_constant(-math.pi / 2, math.pi / 2),
    kinks=(),
    grad_limits=_constant(0.0, 0.0),
    formula=r"f(x) = \arctan(x) = \tan^{-1}(x)",
    derivative_formula=r"f'(x) = \frac{1}{1 + x^2}",
    output_range=Range(-math.pi / 2, math.pi / 2),
    monotonic=True, zero_centered=True, smooth=True,
    cost="1 arctan", use="slower-saturating alternative to tanh (rare)", upcast=False,
    handles_nonfinite=("forward", "derivative"),
)
def arctan(x):
    r"""Arctangent, the inverse of :math:`\tan` (not of :math:`\tanh`, whose inverse is artanh).

    Odd and zero-centred; its derivative decays like :math:`1/x^2`, far slower
    than tanh's :math:`4e^{-2|x|}`. Not a built-in layer in PyTorch or Keras;
    ``torch.atan`` / ``jnp.arctan``.
    """
    return np.arctan(x)


def _softsign_grad(x):
    r = 1 / (1 + np.abs(x))
    return r * r


@activation(
    grad=_softsign_grad,
    limits=_constant(-1.0, 1.0),
    kinks=(),
    grad_limits=_constant(0.0, 0.0),
    formula=r"f(x) = \frac{x}{1 + |x|}",
    derivative_formula=r"f'(x) = \frac{1}{(1 + |x|)^2}",
    output_range=Range(-1, 1),
    monotonic=True, zero_centered=True, smooth=True,
    cost="1 divide", use="cheap tanh-like squashing; polynomial tails", upcast=False, handles_nonfinite=("derivative",),
)
def softsign(x):
    r"""Softsign, a tanh-like squashing with polynomial tails.

    Odd, zero-centred, continuously differentiable (the second derivative jumps
    at 0); it saturates polynomially, not exponentially. PyTorch:
    ``nn.Softsign``; JAX: ``jax.nn.soft_sign``; Keras: ``"softsign"``.
    """
    return x / (1 + np.abs(x))


# --------------------------------------------------------------------------
# Rectifiers
# --------------------------------------------------------------------------
@activation(
    grad=lambda x: (x > 0).astype(x.dtype),
    limits=_constant(0.0, inf),
    kinks=(0.0,),
    grad_limits=_constant(0.0, 1.0),
    formula=r"\operatorname{ReLU}(x) = \max(0, x)",
    derivative_formula=r"\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    output_range=Range(0, inf, closed=(True, False)),
    monotonic=True, zero_centered=False, smooth=False,
    cost="one comparison", use="default hidden activation for MLPs and CNNs", upcast=False, handles_nonfinite=("forward",),
)
def relu(x):
    r"""Rectified linear unit.

    At the kink the derivative takes the left value,
    :math:`\operatorname{ReLU}'(0) = 0`, as PyTorch and JAX do.
    """
    return np.maximum(x, 0)


@activation(
    grad=lambda x: ((x > 0) & (x < 6)).astype(x.dtype),
    limits=_constant(0.0, 6.0),
    kinks=(0.0, 6.0),
    grad_limits=_constant(0.0, 0.0),
    formula=r"f(x) = \min(\max(0, x), 6)",
    derivative_formula=r"f'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
    output_range=Range(0, 6, closed=(True, True)),
    monotonic=True, zero_centered=False, smooth=False,
    cost="one clip", use="mobile networks (MobileNetV2); low-precision inference", upcast=False, handles_nonfinite=("forward",),
)
def relu6(x):
    r"""ReLU capped at 6.

    The derivative is 0 at both kinks (PyTorch ``nn.ReLU6`` and JAX
    ``jax.nn.relu6`` agree).
    """
    return np.clip(x, 0, 6)


def _leaky_forward(x, alpha):
    # No slow masked np.where: for |alpha| <= 1, alpha x lies below x for
    # x > 0 and above it for x < 0, so the larger of the two is the answer.
    # Otherwise max(x, 0) + alpha min(x, 0): exact too, one term is 0.
    if np.ndim(alpha) == 0 and abs(alpha) <= 1:
        return np.maximum(x, alpha * x)
    return np.maximum(x, 0) + alpha * np.minimum(x, 0)


def _leaky_grad(x, alpha):
    # 1 for x > 0, alpha otherwise (the left value at the kink, as PyTorch).
    if np.ndim(alpha) == 0 and 0 <= alpha <= 1:
        return np.maximum(x > 0, alpha)  # max(1, alpha) = 1, max(0, alpha) = alpha
    return (x > 0) + (x <= 0) * alpha  # 1 + 0 or 0 + alpha: both exact


def _leaky_grad_alpha(x, alpha):
    # d(alpha min(x, 0))/d alpha = min(x, 0): x on the negative side, 0 at the kink.
    return np.minimum(x, 0)


_LEAKY_PARAM_GRADS = {"alpha": (_leaky_grad_alpha, _constant(-inf, 0.0))}


def _leaky_limits(alpha):
    alpha = np.asarray(alpha)
    return np.where(alpha > 0, -inf, np.where(alpha < 0, inf, 0.0)), inf


@activation(
    params={"alpha": "nonnegative"},
    grad=_leaky_grad,
    param_grads=_LEAKY_PARAM_GRADS,
    limits=_leaky_limits,
    kinks=lambda alpha: () if alpha == 1 else (0.0,),
    grad_limits=lambda alpha: (alpha, 1.0),
    formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    output_range=Range(-inf, inf),
    monotonic=True, zero_centered=False, smooth=False,
    cost="one comparison + multiply", use="ReLU replacement that cannot die (GAN discriminators)", upcast=False,
)
def leaky_relu(x, alpha=0.01):
    r"""Leaky ReLU: a small fixed slope for negative inputs.

    The default slope is PyTorch's (``negative_slope``) and JAX's; TensorFlow's
    ``tf.nn.leaky_relu`` uses 0.2 and Keras's ``LeakyReLU`` 0.3. The output
    range holds for :math:`\alpha > 0`. The derivative at the kink takes the left
    value, :math:`f'(0) = \alpha`, as in PyTorch (``x > 0 ? 1 : alpha``). A
    negative ``alpha`` raises ValueError: it would make the function
    non-monotonic, which is PReLU's business.
    """
    return _leaky_forward(x, alpha)


@activation(
    params={"alpha": "real_array"},
    grad=_leaky_grad,
    param_grads=_LEAKY_PARAM_GRADS,
    limits=_leaky_limits,
    kinks=lambda alpha: () if np.all(np.asarray(alpha) == 1) else (0.0,),
    grad_limits=lambda alpha: (alpha, 1.0),
    formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}, \quad \alpha \text{ learned}",
    derivative_formula=r"\frac{\partial f}{\partial x} = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}, \qquad \frac{\partial f}{\partial \alpha} = \begin{cases} 0 & x > 0 \\ x & x \le 0 \end{cases}",
    output_range=Range(-inf, inf),
    monotonic=True, zero_centered=False, smooth=False,
    cost="one comparison + multiply", use="ReLU with a learned negative slope (image classification)", upcast=False,
)
def prelu(x, alpha=0.25):
    r"""Parametric ReLU: leaky ReLU whose slope :math:`\alpha` is learned.

    ``alpha`` is a scalar or an array that broadcasts against ``x`` without
    enlarging it (per channel of an ``(N, C, H, W)`` batch: shape
    ``(C, 1, 1)``); the default is PyTorch's ``nn.PReLU`` initial value. Any
    finite ``alpha`` is allowed; the claims ``monotonic=True`` and the range
    hold for :math:`\alpha \ge 0`. At the kink :math:`\partial f/\partial x = \alpha`
    and :math:`\partial f/\partial\alpha = 0`, as in PyTorch.
    ``prelu.param_vjp(x, g, alpha)["alpha"]`` gives the slope's gradient
    (:math:`\partial f/\partial\alpha = \min(x, 0)`), summed over the axes
    ``alpha`` was broadcast along.
    """
    return _leaky_forward(x, alpha)




# --------------------------------------------------------------------------
# Exponential linear units
# --------------------------------------------------------------------------
# The piecewise forms below add the two branches instead of selecting with
# np.where (slow with a random mask): on each side one term is exactly 0.
def _elu_forward(x, alpha):
    return np.maximum(x, 0) + alpha * np.expm1(np.minimum(x, 0))


def _elu_grad(x, alpha):
    # At 0 the left value alpha * e^0 = alpha, as PyTorch's `x <= 0` branch.
    slope = alpha * np.exp(np.minimum(x, 0))
    if alpha <= 1:  # then 1 >= alpha >= alpha e^x: the larger of [x > 0] and the slope
        return np.maximum(x > 0, slope)
    if alpha <= 2:  # 1 - alpha is exact (Sterbenz), and alpha + (1 - alpha) rounds to exactly 1 above 0
        slope += (x > 0) * (1 - alpha)
        return slope
    return (x > 0) + (x <= 0) * slope


def _elu_grad_alpha(x, alpha):
    return np.expm1(np.minimum(x, 0))


@activation(
    params={"alpha": "nonnegative"},
    grad=_elu_grad,
    param_grads={"alpha": (_elu_grad_alpha, _constant(-1.0, 0.0))},
    limits=lambda alpha: (-alpha, inf),
    kinks=lambda alpha: () if alpha == 1 else (0.0,),
    grad_limits=lambda alpha: (0.0, 1.0),
    formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
    output_range=Range(-1, inf),
    monotonic=True, zero_centered=False, smooth=True,
    cost="1 expm1 (negative side)", use="deep CNNs/MLPs wanting smoother, closer-to-zero-mean ReLU", upcast=False,
    handles_nonfinite=("forward", "derivative"),
)
def elu(x, alpha=1.0):
    r"""Exponential linear unit.

    The default is PyTorch's, JAX's and Keras's; the range is
    :math:`(-\alpha, \infty)`. The negative side uses ``expm1``, exact near 0
    where :math:`e^x - 1` cancels. At 0 the derivative takes the left value
    :math:`\alpha` (PyTorch's convention); only for :math:`\alpha = 1` do both
    sides agree, so ``smooth=True`` refers to the default.
    """
    return _elu_forward(x, alpha)


def _selu_forward(x):
    # The exact value of SELU overflows only past max/1.0507; IEEE rounds
    # that to inf and numpy's warning there would be noise.
    with np.errstate(over="ignore"):
        return SELU_SCALE * _elu_forward(x, x.dtype.type(SELU_ALPHA))


def _selu_grad(x):
    return SELU_SCALE * _elu_grad(x, x.dtype.type(SELU_ALPHA))


@activation(
    grad=_selu_grad,
    limits=_constant(-SELU_SCALE * SELU_ALPHA, inf),
    kinks=(0.0,),
    grad_limits=_constant(0.0, SELU_SCALE),
    formula=(
        r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}, \quad "
        rf"\lambda \approx {SELU_SCALE:.4f},\ \alpha \approx {SELU_ALPHA:.4f}"
    ),
    derivative_formula=r"f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
    output_range=Range(-SELU_SCALE * SELU_ALPHA, inf),
    monotonic=True, zero_centered=True, smooth=False,
    cost="1 expm1 (negative side)", use="self-normalising MLPs (with LeCun-normal init)", upcast=False,
    handles_nonfinite=("forward", "derivative"),
)
def selu(x):
    r"""Scaled ELU with the self-normalising constants (Klambauer et al., 2017).

    :math:`\lambda` and :math:`\alpha` (``actlib.constants.SELU_SCALE`` and
    ``SELU_ALPHA``) are chosen so that for standard-normal input the output
    again has mean 0 and variance 1 (``zero_centered=True`` in that sense). The
    derivative jumps at 0 (:math:`\lambda` right, :math:`\lambda\alpha` left); at
    0 it is :math:`\lambda\alpha`, as in PyTorch.
    """
    return _selu_forward(x)


def _celu_neg_arg(x, alpha):
    # x/alpha can overflow for tiny alpha; below -1000 the exponential has
    # underflowed anyway, so clip before dividing (nothing to do for alpha = 1).
    if alpha == 1:
        return np.minimum(x, 0)
    return np.maximum(np.minimum(x, 0), -_EXP_SATURATES * alpha) / alpha


def _celu_grad(x, alpha):
    return np.maximum(x > 0, np.exp(_celu_neg_arg(x, alpha)))  # 1 above 0, e^{x/alpha} <= 1 below


# Taylor coefficients of expm1(u) - u e^u = -sum_{n>=2} (n - 1) u^n / n!, highest first.
_CELU_SERIES = [-(n - 1) / math.factorial(n) for n in range(24, 1, -1)] + [0.0, 0.0]


def _celu_grad_alpha(x, alpha):
    # d/d alpha of alpha expm1(u), u = x / alpha <= 0: expm1(u) - u e^u. The two
    # terms cancel near u = 0 (the result is -u^2/2), so there the series is
    # summed instead; for u <= -1 the direct form loses at most a factor 4.
    u = _celu_neg_arg(x, alpha)
    near = u > -1
    series = np.polyval(np.array(_CELU_SERIES, dtype=x.dtype), np.where(near, u, 0))
    direct = np.exp(u) * (1 - u) - 1
    return np.where(near, series, direct)


@activation(
    params={"alpha": "positive"},
    grad=_celu_grad,
    param_grads={"alpha": (_celu_grad_alpha, _constant(-1.0, 0.0))},
    limits=lambda alpha: (-alpha, inf),
    kinks=(),
    grad_limits=_constant(0.0, 1.0),
    formula=r"f(x) = \max(0, x) + \min\!\left(0,\ \alpha\,(e^{x/\alpha} - 1)\right)",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
    output_range=Range(-1, inf),
    monotonic=True, zero_centered=False, smooth=True,
    cost="1 expm1 (negative side)", use="ELU that stays continuously differentiable for every alpha", upcast=False,
    handles_nonfinite=("forward", "derivative"),
)
def celu(x, alpha=1.0):
    r"""Continuously differentiable ELU.

    With the default it is identical to ELU; the range is
    :math:`(-\alpha, \infty)`. Unlike ELU its derivative is 1 at 0 from both
    sides for every :math:`\alpha > 0`. ``alpha`` must be > 0 (PyTorch fails on
    0 with a division by zero; here it is a ValueError).
    """
    return np.maximum(x, 0) + alpha * np.expm1(_celu_neg_arg(x, alpha))


# --------------------------------------------------------------------------
# Smooth rectifiers
# --------------------------------------------------------------------------
def _scaled_clipped(x, beta):
    """beta * x, clipped where the logistic has long saturated (never overflows)."""
    if beta == 1:
        return x
    bound = x.dtype.type(_EXP_SATURATES) / beta
    return beta * np.clip(x, -bound, bound)


def _softplus_forward(x, beta):
    # max(x, 0) + log(1 + e^{-beta|x|}) / beta: the exponent is never positive.
    z = np.abs(_scaled_clipped(x, beta))
    return np.maximum(x, 0) + np.log1p(np.exp(-z)) / beta


def _softplus_grad_beta(x, beta):
    # d/d beta of softplus(z)/beta, z = beta x, is (z sigma(z) - softplus(z)) / beta^2.
    # That difference is even in z and equals -(|z| sigma(-|z|) + log1p(e^{-|z|})):
    # two terms of one sign, so nothing cancels (for z >> 0 the textbook form
    # subtracts two numbers close to z).
    a = np.abs(_scaled_clipped(x, beta))
    with np.errstate(over="ignore"):  # a tiny beta: the exact value overflows too
        return -(a * _expit(-a) + np.log1p(np.exp(-a))) / beta / beta


@activation(
    params={"beta": "positive"},
    grad=lambda x, beta: _expit(_scaled_clipped(x, beta)),
    param_grads={"beta": (_softplus_grad_beta, _constant(0.0, 0.0))},
    limits=_constant(0.0, inf),
    kinks=(),
    grad_limits=_constant(0.0, 1.0),
    formula=r"f(x) = \frac{1}{\beta}\log\!\left(1 + e^{\beta x}\right) = \max(x, 0) + \frac{1}{\beta}\log\!\left(1 + e^{-\beta|x|}\right)",
    derivative_formula=r"f'(x) = \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}",
    output_range=Range(0, inf),
    monotonic=True, zero_centered=False, smooth=True,
    cost="1 exp + 1 log1p", use="positive outputs (variances, rates); smooth ReLU", upcast=False,
    handles_nonfinite=("forward", "derivative", "both"),
)
def softplus(x, beta=1.0):
    r"""Softplus, a smooth ReLU.

    ``beta`` must be > 0. Evaluated exactly everywhere in the second form above,
    with no threshold: PyTorch returns :math:`x` itself once
    :math:`\beta x > 20` (``threshold=20``), a relative error below 1e-9 there;
    JAX's ``jax.nn.softplus`` has no ``beta``.
    """
    return _softplus_forward(x, beta)


@softplus.value_and_grad_kernel
def _softplus_value_and_grad(x, beta):
    z = _scaled_clipped(x, beta)
    e, r = _logistic_parts(z)  # e = e^{-beta|x|}
    return np.maximum(x, 0) + np.log1p(e) / beta, r * np.maximum(e, z >= 0)


def _silu_value_and_grad(x, beta, out=(None, None)):
    z = _scaled_clipped(x, beta)
    return _x_sigmoid_value_and_grad(x, z, z, out=out)  # w = beta x, so x w' = z


def _silu_grad(x, beta, out=None):
    z = _scaled_clipped(x, beta)
    return _x_sigmoid_grad(z, z, *_sigmoid_parts(z), out=out)


def _silu_grad_beta(x, beta):
    # d/d beta of x sigma(beta x) = x^2 sigma(z) sigma(-z): multiplied as
    # (x sigma(z)) (x sigma(-z)) so that x^2 never overflows on its own.
    z = _scaled_clipped(x, beta)
    with np.errstate(over="ignore"):
        return (x * _expit(z)) * (x * _expit(-z))


@activation(
    params={"beta": "positive"},
    grad=_silu_grad,
    param_grads={"beta": (_silu_grad_beta, _constant(0.0, 0.0))},
    limits=_constant(0.0, inf),
    kinks=(),
    grad_limits=_constant(0.0, 1.0),
    formula=r"f(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
    derivative_formula=r"f'(x) = \sigma(\beta x)\left(1 + \beta x\,\sigma(-\beta x)\right)",
    output_range=Range(-0.27846454276107380, inf, closed=(True, False)),
    monotonic=False, zero_centered=False, smooth=True,
    cost="1 exp + multiply", use="hidden layers of deep CNNs and transformers (EfficientNet, LLaMA's SwiGLU)",
    upcast=False, aliases=("swish",),
)
def silu(x, beta=1.0):
    r"""SiLU / swish.

    The default is PyTorch's ``nn.SiLU``, JAX's ``jax.nn.silu``/``swish`` and
    Keras's ``"silu"``/``"swish"``; ``beta`` must be > 0 and makes this the
    swish of Ramachandran et al. Not monotonic: for :math:`\beta = 1` its
    minimum is at :math:`x = -1 - W(1/e) = -1.27846\ldots`, where the derivative
    crosses zero. Also available as ``actlib.swish``.
    """
    return x * _expit(_scaled_clipped(x, beta))


silu.value_and_grad_kernel(_silu_value_and_grad)


def _hard_swish_grad_from_clipped(x, c, g, out=None):
    # With c = clip(x, -3, 3) and g = c + 3: (c [|x| < 3] + g) / 6 is
    # (2x + 3) / 6 on the open ramp, 6/6 = 1 at and above 3 and 0/6 at and
    # below -3 (PyTorch's kinks take the outer values). One term of each sum
    # is exact, and x + (x + 3) is exact near the root at -1.5 (Sterbenz), so
    # the derivative keeps its sign and digits there; c, unlike x, is finite,
    # so ±inf need no scan. Faster than a masked np.where.
    d = np.multiply(c, np.abs(x) < 3, out=out)
    d += g
    d *= x.dtype.type(1 / 6)  # a multiply costs a third of a float64 divide; 6/6 and 0/6 stay exact
    return d


def _hard_swish_grad(x, out=None):
    c = np.clip(x, -3, 3)
    return _hard_swish_grad_from_clipped(x, c, c + 3, out=out)


@activation(
    grad=_hard_swish_grad,
    limits=_constant(0.0, inf),
    kinks=(-3.0, 3.0),
    grad_limits=_constant(0.0, 1.0),
    formula=r"f(x) = x\,\frac{\operatorname{ReLU6}(x + 3)}{6}",
    derivative_formula=r"f'(x) = \begin{cases} 0 & x \le -3 \\ (2x + 3)/6 & -3 < x < 3 \\ 1 & x \ge 3 \end{cases}",
    output_range=Range(-0.375, inf, closed=(True, False)),
    monotonic=False, zero_centered=False, smooth=False,
    cost="add, clip, 2 multiplies", use="mobile networks (MobileNetV3): swish without the exp", upcast=False, handles_nonfinite=("derivative",),
)
def hard_swish(x):
    r"""Hard swish, a piecewise-quadratic SiLU without the exponential.

    Its minimum is at :math:`x = -1.5`. The derivative jumps at both kinks (from
    0 to :math:`-0.5` at :math:`x = -3`, from :math:`1.5` to 1 at :math:`x = 3`);
    at the kinks it takes the outer values, 0 and 1, as PyTorch's
    ``nn.Hardswish`` does. JAX: ``jax.nn.hard_swish``.
    """
    return x * (np.clip(x + 3, 0, 6) / 6)


@hard_swish.value_and_grad_kernel
def _hard_swish_value_and_grad(x, out=(None, None)):
    c = np.clip(x, -3, 3)
    g = c + 3  # clip(x + 3, 0, 6), to the bit
    d = _hard_swish_grad_from_clipped(x, c, g, out=out[1])
    g /= 6  # as the forward divides: the two paths agree to the bit
    return np.multiply(x, g, out=out[0]), d


def _gelu_tanh_arg(x):
    """2z for the tanh form: 1 + tanh(z) = 2 sigma(2z) avoids the cancellation at z << 0."""
    xc = np.clip(x, -_EXP_SATURATES, _EXP_SATURATES)  # sigma(2z) saturated long before; x^3 cannot overflow
    return xc, 2 * _SQRT_2_OVER_PI * (xc + GELU_CUBIC * xc**3)


def _gelu_forward(x, approximate):
    if approximate:
        _, two_z = _gelu_tanh_arg(x)
        return x * _expit(two_z)
    return x * special.ndtr(x)


def _gelu_density(x):
    """The standard normal density phi(x); 0 past |x| = 40, where it has underflowed in every dtype."""
    xc = np.clip(x, -40, 40)  # so that x^2 never overflows
    density = np.square(xc, out=xc)
    density *= -0.5
    np.exp(density, out=density)
    density *= _INV_SQRT_2PI
    return density


def _gelu_tanh_parts(x):
    """(w, x w') for the tanh form x sigma(w), w = 2z."""
    xc, two_z = _gelu_tanh_arg(x)
    two_dz = 2 * _SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * xc * xc)
    return two_z, xc * two_dz


def _gelu_grad(x, approximate, out=None):
    if approximate:
        w, x_dw = _gelu_tanh_parts(x)
        return _x_sigmoid_grad(w, x_dw, *_sigmoid_parts(w), out=out)
    density = _gelu_density(x)
    density *= x
    return np.add(special.ndtr(x), density, out=out)


def _gelu_value_and_grad(x, approximate, out=(None, None)):
    if approximate:  # x sigma(2z)
        w, x_dw = _gelu_tanh_parts(x)
        return _x_sigmoid_value_and_grad(x, w, x_dw, out=out)
    cdf = special.ndtr(x)  # the one erf, shared by the value and the derivative
    density = _gelu_density(x)
    density *= x
    return np.multiply(x, cdf, out=out[0]), np.add(cdf, density, out=out[1])


@activation(
    params={"approximate": "bool"},
    grad=_gelu_grad,
    limits=_constant(0.0, inf),
    kinks=(),
    grad_limits=_constant(0.0, 1.0),
    formula=(
        r"f(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt 2}\right) \quad\text{or (approximate)}\quad "
        rf"\frac{{x}}{{2}}\left(1 + \tanh\!\left(\sqrt{{2/\pi}}\,(x + {GELU_CUBIC}x^3)\right)\right)"
    ),
    derivative_formula=r"f'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
    output_range=Range(-0.16997120747990366, inf, closed=(True, False)),
    monotonic=False, zero_centered=False, smooth=True,
    cost="1 erf (or 1 exp for the tanh form)", use="transformers (BERT, GPT, ViT)",
    upcast=False,
)
def gelu(x, approximate=False):
    r"""Gaussian error linear unit, :math:`\Phi` the standard normal CDF.

    ``approximate=False`` (as PyTorch's ``approximate='none'`` and Keras) is
    the exact erf form; ``approximate=True`` is the tanh form, PyTorch's
    ``approximate='tanh'`` and **JAX's default** (``jax.nn.gelu(x,
    approximate=True)``). The two differ by at most about 5e-4. The range is
    that of the exact form, whose minimum is at :math:`x \approx -0.75179`,
    where the derivative crosses zero. The tanh form is evaluated as
    :math:`x\,\sigma(2z)`, since :math:`1 + \tanh z` cancels to 0 for
    :math:`z \ll 0`.
    """
    return _gelu_forward(x, approximate)


gelu.value_and_grad_kernel(_gelu_value_and_grad)


def _mish_parts(x):
    """(r, q, s) = (tanh(softplus x), 1 - r, sigmoid x) from one exponential e = e^{-|x|}.

    With u = e^x, tanh(softplus x) = (u^2 + 2u) / (u^2 + 2u + 2). Write u = a/b
    with a = e^{min(x, 0)} and b = e^{-max(x, 0)}, both <= 1 (one of them is 1,
    the other e): r = a (a + 2b) / d and 1 - r = 2b^2 / d, d = a (a + 2b) + 2b^2.
    Nothing overflows, no term cancels, and no slow masked np.where.
    """
    e = np.exp(-np.abs(x))
    a = np.maximum(e, x >= 0)
    b = np.maximum(e, x <= 0)
    n = a * (a + 2 * b)
    two_b2 = 2 * b * b
    d = n + two_b2
    return n / d, two_b2 / d, a / (a + b)  # a + b = 1 + e


def _mish_value_and_grad(x):
    r, q, s = _mish_parts(x)
    return x * r, r + x * (q * (2 - q)) * s  # sech^2(softplus x) = 1 - r^2 = q (2 - q)


def _mish_grad(x):
    return _mish_value_and_grad(x)[1]


@activation(
    grad=_mish_grad,
    limits=_constant(0.0, inf),
    kinks=(),
    grad_limits=_constant(0.0, 1.0),
    formula=r"f(x) = x \tanh(\operatorname{softplus}(x)) = x \tanh\!\left(\log(1 + e^{x})\right)",
    derivative_formula=r"f'(x) = \tanh(\operatorname{softplus}(x)) + x\,\operatorname{sech}^2(\operatorname{softplus}(x))\,\sigma(x)",
    output_range=Range(-0.30884341301725041, inf, closed=(True, False)),
    monotonic=False, zero_centered=False, smooth=True,
    cost="1 exp + 2 divides", use="object detection (YOLOv4); SiLU alternative",
)
def mish(x):
    r"""Mish.

    Its minimum is near :math:`x = -1.1924`, where the derivative crosses zero.
    Evaluated without any overflow as :math:`x\,n/(n+2)` with
    :math:`n = e^x(e^x + 2)`, rewritten in :math:`e^{-|x|}` for positive x.
    PyTorch: ``nn.Mish`` (since 1.9); Keras ``"mish"``; JAX: ``jax.nn.mish`` in
    current releases (earlier ones had none).
    """
    r, _, _ = _mish_parts(x)
    return x * r


mish.value_and_grad_kernel(_mish_value_and_grad)
