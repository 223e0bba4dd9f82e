r"""Checks of chapters/activations/07_leaky_relu.ipynb: leaky ReLU and PReLU.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/leaky_relu.py``.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, FunctionCheck, register, register_answers, register_function
from ..function_checks import _relative_error
from ..elementwise import prelu

_ZERO = "sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383"
_ONE = "sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b"

register_answers("leaky_relu-recall", {
    "slope_left": Answer("sha256:f8bc38b0a34cae6d6c3cd4968339f8874b2e6743421fef6c0441cc771d1b0f0b",
                         "leaky ReLU′(−2) with PyTorch's default slope"),
    "keras_layer_default": Answer("sha256:77b2a332e7d1248d1b5b23c04005425daaaf2248129bec1d5833fb4df9c65a2c",
                                  "the default slope of Keras's LeakyReLU layer",
                                  hint="the table in the Definition section: the layer, not the function"),
    "dalpha_at_minus_2": Answer("sha256:e95edd111c2a74ed8157095a15d382e0f03e6dcfb2990443ca1992ba4e64b558",
                                "∂PReLU/∂α at x = −2", hint="differentiate αx with respect to α, not x"),
})
register_function("leaky_relu-code", "my_leaky_relu", FunctionCheck(
    "leaky_relu", params={"alpha": 0.2},
    hint="leaky ReLU keeps a positive x and multiplies a negative x by alpha; use the alpha you are given",
))

# --------------------------------------------------------------------------
# Code: the gradient of a loss with respect to PReLU's shared slope
# --------------------------------------------------------------------------


def _batches():
    """``(x, g)`` pairs: a batch with both signs, one with exact zeros, one all positive, a 3-D batch with large values."""
    rng = np.random.default_rng(2015)
    x1, g1 = rng.standard_normal((16, 8)), rng.standard_normal((16, 8))
    x2 = rng.standard_normal((10, 5))
    x2[::3] = 0.0  # exact zeros: the kink, where ∂f/∂α = 0
    g2 = rng.standard_normal((10, 5))
    x3, g3 = np.abs(rng.standard_normal((6, 4))) + 0.1, rng.standard_normal((6, 4))  # no negative input: gradient 0
    x4, g4 = rng.standard_normal((3, 4, 5)) * 1e3, rng.standard_normal((3, 4, 5))
    return [(x1, g1), (x2, g2), (x3, g3), (x4, g4)]


@register("leaky_relu-prelu", "prelu_alpha_grad", "prelu_alpha_grad(x, g) equals actlib.prelu.param_vjp(x, g)['alpha'] on several batches", function=True)
def _leaky_relu_prelu(prelu_alpha_grad, strict=False):
    """A learner's ``prelu_alpha_grad(x, g)``: the gradient of ``sum(g * prelu(x, alpha))`` with respect to a shared scalar alpha."""
    __tracebackhide__ = True
    batches = _batches()
    for x, g in batches:
        where = f"for a batch x of shape {x.shape}"
        xc, gc = x.copy(), g.copy()
        try:
            out = prelu_alpha_grad(xc, gc)
        except Exception as exc:  # any learner error becomes one friendly line
            return _raised(where, exc, strict)
        if not (np.array_equal(xc, x) and np.array_equal(gc, g)):
            return _fail(f"{where} your function changed x or g in place", "compute with new arrays: np.minimum(x, 0) * g",
                         Failure(), strict)
        if out is None:
            return _fail(f"{where} your function returned None", "did you forget `return`?", Failure(got=out), strict)
        arr = np.asarray(out) if isinstance(out, (numbers.Real, np.generic, np.ndarray)) and not isinstance(out, (bool, np.bool_)) else None
        if arr is None or arr.dtype.kind not in "fiu":
            return _fail(f"{where} your function returned {_fmt(out)}, not one number", None, Failure(got=out), strict)
        if arr.ndim:
            return _fail(f"{where} your function returned an array of shape {arr.shape}, not one number",
                         "one slope is shared by every element, so its gradient adds up the contributions of all of them",
                         Failure(got=out), strict)
        want = prelu.param_vjp(x, g, alpha=0.25)["alpha"]
        if not _relative_error(np.array([float(arr)]), np.array([want]))[0] <= 1e-9:
            return _fail(f"{where} your function returned {_fmt(float(arr))}, which is not the gradient with respect to alpha",
                         "∂f/∂α is min(x, 0): x where x < 0 and 0 elsewhere; the chain rule multiplies it by g", Failure(got=out), strict)
    return _finish(True, f"✅ passed: prelu_alpha_grad on {len(batches)} batches (both signs, exact zeros, no negative input, "
                   "3-D with large values) against actlib.prelu.param_vjp, inputs left unchanged", None, strict)


# Written by the leaky-ReLU chapter: the bias gradient of a unit that is negative on every row, and which variant for which job.
register_answers("leaky_relu-predict", {
    "relu_bias_grad": Answer(_ZERO, "the ReLU unit's bias gradient", hint="ReLU′(z) for z < 0"),
    "leaky_bias_grad": Answer(_ONE, "the leaky unit's bias gradient",
                              hint="the bias gradient is the sum over the rows of g · f′(z)"),
})
register_answers("leaky_relu-choose", {
    "choices": Answer("sha256:97917c41875841626bd0aa24da7b77e978777472d981cfaf6b9a14dacbf26e90", "the three choices (a) to (c)",
                      hint="for each case ask: must units be able to recover, may the slope be learned, are exact zeros wanted?"),
})
